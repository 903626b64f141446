import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { documentMediaReferences, type MediaBlobs } from '../../electron/core/sync/media-blobs';
import { makeTempDir } from './temp-dir';

/** Media files in a folder by hash, standing in for the photo desk's media store in sync tests. */
export function folderMediaBlobs(dir = makeTempDir('lede-media-')): MediaBlobs & { dir: string; add(bytes: Buffer): string } {
  const file = (sha: string) => path.join(dir, sha);
  return {
    dir,
    add(bytes) {
      const sha = createHash('sha256').update(bytes).digest('hex');
      fs.writeFileSync(file(sha), bytes);
      return sha;
    },
    has: (sha) => fs.existsSync(file(sha)),
    read: async (sha) => new Uint8Array(await fs.promises.readFile(file(sha))),
    write: async (sha, bytes) => fs.promises.writeFile(file(sha), bytes),
    referencedBy: documentMediaReferences,
  };
}
