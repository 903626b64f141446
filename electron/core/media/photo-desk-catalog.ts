import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { LedeError } from '../../../shared/errors';
import { makePrivateDir, writePrivateFileSync } from '../files/private-files';
import type { MediaCatalog } from '../../../shared/interchange/media-catalog';
import { FORMAT_MIME, type ImageFormat } from './image-sniff';
import type { MediaServices } from './media-services';

/**
 * The photo desk's library as interchange sees it (export describes a
 * figure's picture; Word and HTML import store the pictures they carry), so
 * exports get real renditions and imported pictures become real assets.
 */
export function photoDeskCatalog(services: MediaServices, incomingDir: string): MediaCatalog {
  return {
    describe(sha256) {
      const row = services.library.get([sha256])[0];
      if (!row) return null;
      return {
        mimeType: FORMAT_MIME[row.format as ImageFormat] ?? 'application/octet-stream',
        width: row.width,
        height: row.height,
        byteSize: row.bytes,
        caption: row.fields.caption || undefined,
        credit: row.fields.credit || undefined,
        creators: row.fields.creators.length ? row.fields.creators : undefined,
        headline: row.fields.headline || undefined,
      };
    },
    async importBytes(bytes, name) {
      // Through the same pipeline as any upload: sniffed, parsed, stored by hash.
      makePrivateDir(incomingDir);
      const file = path.join(incomingDir, `${randomUUID()}.part`);
      writePrivateFileSync(file, bytes);
      const importId = services.importer.begin(1);
      const outcome = await services.importer.importUpload(importId, { file, name, temporary: true });
      if (outcome.status === 'imported' || outcome.status === 'duplicate') return { sha256: outcome.sha256 };
      const reason = outcome.status === 'failed' ? outcome.reason.replace(/\.$/, '') : 'the import was cancelled';
      throw new LedeError('unsupported_file', `${name}: ${reason}`);
    },
  };
}
