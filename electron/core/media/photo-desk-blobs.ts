import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { PRIVATE_FILE_MODE, makePrivateDir } from '../files/private-files';
import { documentMediaReferences, type MediaBlobs } from '../sync/media-blobs';
import type { MediaServices } from './media-services';
import { findOriginalSync, removeMediaFiles } from './media-store';

/**
 * The photo desk's files as sync sees them: an asset is "here" when its
 * original is stored; a file downloaded from the server goes through the same
 * import pipeline as any photo (checked, renditions made, row derived), which
 * adopts the photo's synced document rather than seeding a second one.
 */
export function photoDeskBlobs(dataDir: string, services: MediaServices, incomingDir: string): MediaBlobs {
  return {
    has: (sha256) => findOriginalSync(dataDir, sha256) !== null,
    async read(sha256) {
      const file = findOriginalSync(dataDir, sha256);
      if (!file) throw new Error(`No media file ${sha256} on this computer.`);
      return fs.promises.readFile(file);
    },
    async write(sha256, bytes) {
      if (findOriginalSync(dataDir, sha256)) return;
      makePrivateDir(incomingDir);
      const file = path.join(incomingDir, `${randomUUID()}.part`);
      await fs.promises.writeFile(file, bytes, { mode: PRIVATE_FILE_MODE });
      const importId = services.importer.begin(1);
      const outcome = await services.importer.importUpload(importId, { file, name: `${sha256.slice(0, 12)}.download`, temporary: true });
      if (outcome.status === 'failed' || outcome.status === 'cancelled') {
        throw new Error(`The photo ${sha256.slice(0, 12)}… from the server could not be stored: ${outcome.status === 'failed' ? outcome.reason : 'cancelled'}`);
      }
    },
    remove: (sha256) => removeMediaFiles(dataDir, sha256),
    referencedBy: documentMediaReferences,
  };
}
