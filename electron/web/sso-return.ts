import type http from 'node:http';

/**
 * The provider → sync server → this page chain ends here, in the same tab.
 * The page only moves the server's answer (a one-time code, or an error)
 * from the query into the app's fragment, by a navigation of its own: the
 * fragment never reaches a server or a log, and the app is then loaded by a
 * same-site navigation, so its SameSite=Strict session cookie goes with it
 * even when the provider lives on another site. The app hands the code to
 * core (`sync.ssoFinish`), which alone holds the verifier that makes it
 * worth anything.
 */
export function serveSsoReturn(request: http.IncomingMessage, response: http.ServerResponse, headers: Record<string, string>): void {
  const query = new URL(request.url ?? '/', 'http://127.0.0.1').searchParams;
  const kept = new URLSearchParams();
  for (const key of ['code', 'error', 'error_description']) {
    const value = query.get(key);
    if (value !== null) kept.set(key, value.slice(0, 500));
  }
  // encodeURIComponent leaves nothing that could end the attribute or the tag.
  const target = `/#sso=${encodeURIComponent(kept.toString())}`;
  const html = `<!doctype html><html lang="en"><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${target}"><title>Lede</title><p>Back to Lede…</p></html>`;
  response.writeHead(200, { ...headers, 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(html) });
  response.end(html);
}
