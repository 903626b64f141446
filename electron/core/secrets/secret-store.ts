import fs from 'node:fs';
import path from 'node:path';
import { syncFolderSync, writeFileDurablySync } from '../files/durable-files';
import { makePrivateDir } from '../files/private-files';
import type { Logger } from '../log';
import type { SecretSealer } from './secret-sealer';

const NAME = /^[a-z][a-z0-9-]{0,40}$/;

/**
 * Secrets kept outside the library database, so they are in neither its
 * WAL nor its daily backups: one file each under `<data dir>/secrets/`,
 * 600, sealed by the shell's sealer. Reads are cached (sync status asks for
 * the account many times a second); writes are durable before they return.
 */
export class SecretStore {
  private readonly dir: string;
  private readonly cache = new Map<string, string | null>();

  constructor(
    dataDir: string,
    private readonly sealer: SecretSealer,
    private readonly log: Logger,
  ) {
    this.dir = path.join(dataDir, 'secrets');
  }

  get protection(): SecretSealer['protection'] {
    return this.sealer.protection;
  }

  get(name: string): string | null {
    const cached = this.cache.get(name);
    if (cached !== undefined) return cached;
    let value: string | null = null;
    try {
      value = this.sealer.unseal(fs.readFileSync(this.file(name))).toString('utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // A secret sealed under another key (the keychain was reset, the folder was copied) cannot be read: it is as good as absent.
      if (code !== 'ENOENT') this.log.warn('a saved secret could not be read; it is ignored', { name, reason: code ?? (error as Error).message });
    }
    this.cache.set(name, value);
    return value;
  }

  set(name: string, value: string | null): void {
    const file = this.file(name);
    if (value === null) {
      fs.rmSync(file, { force: true });
      syncFolderSync(this.dir);
    } else {
      makePrivateDir(this.dir);
      writeFileDurablySync(file, this.sealer.seal(Buffer.from(value, 'utf8')));
    }
    this.cache.set(name, value);
  }

  private file(name: string): string {
    if (!NAME.test(name)) throw new Error(`Not a secret name: ${name}`);
    return path.join(this.dir, name);
  }
}

