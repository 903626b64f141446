import fs from 'node:fs/promises';
import { protocol, type Protocol } from 'electron';
import { APP_SCHEME } from './url-policy';
import { MEDIA_SCHEME } from './media-protocol';
import { resolveAppFile } from './app-files';

/**
 * Must run before the app is ready. `standard` gives the page a real origin
 * (app://lede) so module scripts, relative URLs and storage work; `secure`
 * makes it a secure context like https. CORS stays off: no other origin may
 * read these files.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
    // Photos: a standard scheme (the hash is its host) that streams, for byte ranges.
    { scheme: MEDIA_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

/** Serves dist/renderer over app:// with the Content-Security-Policy on every response. */
export function serveAppProtocol(target: Protocol, rendererDir: string, csp: string): void {
  target.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405 });
    const found = resolveAppFile(rendererDir, request.url);
    if (!found) return new Response('Not found', { status: 404 });
    let body: Buffer;
    try {
      body = await fs.readFile(found.file);
    } catch {
      return new Response('Not found', { status: 404 });
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: {
        'Content-Type': found.mimeType,
        'Content-Security-Policy': csp,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-cache',
      },
    });
  });
}
