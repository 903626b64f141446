import fs from 'node:fs';
import path from 'node:path';
import type { BlobStore } from '../storage/server-store';

/**
 * Media files under the server's data folder, by hash: `media/ab/abcdef…`.
 * A verified upload is moved into place with one rename, so a reader sees a
 * complete file or none; the same bytes uploaded twice land on the same name.
 */
export class FileBlobStore implements BlobStore {
  constructor(private readonly dir: string) {
    fs.mkdirSync(dir, { recursive: true });
  }

  private file(sha256: string): string {
    return path.join(this.dir, sha256.slice(0, 2), sha256);
  }

  async has(sha256: string): Promise<boolean> {
    return fs.existsSync(this.file(sha256));
  }

  async put(sha256: string, verifiedFile: string): Promise<void> {
    const target = this.file(sha256);
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    if (fs.existsSync(target)) {
      await fs.promises.rm(verifiedFile, { force: true });
      return;
    }
    await fs.promises.rename(verifiedFile, target);
  }

  async open(sha256: string) {
    const file = this.file(sha256);
    try {
      const { size } = await fs.promises.stat(file);
      return { size, stream: fs.createReadStream(file) };
    } catch {
      return null;
    }
  }
}
