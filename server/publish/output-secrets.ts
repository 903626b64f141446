import fs from 'node:fs';
import path from 'node:path';

/**
 * An output's secret (the HTTP signing secret, an SFTP/FTP password or SSH
 * key) lives in a file of its own under `<data dir>/secrets/outputs/`,
 * 600 in a 700 folder, written durably — never in the database, its WAL or
 * its backups (ADR 0045, applied to the server by ADR 0071). Every server
 * process that transmits reads it from its own data folder.
 */
export class OutputSecrets {
  private readonly dir: string;

  constructor(dataDir: string) {
    this.dir = path.join(dataDir, 'secrets', 'outputs');
  }

  private file(output: string): string {
    // Output names are checked to be file-safe (output-config.ts).
    return path.join(this.dir, `${output}.secret`);
  }

  write(output: string, secret: string): void {
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    fs.chmodSync(this.dir, 0o700);
    const target = this.file(output);
    const temporary = `${target}.tmp-${process.pid}`;
    const fd = fs.openSync(temporary, 'w', 0o600);
    try {
      fs.writeFileSync(fd, secret);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temporary, target);
    const folder = fs.openSync(this.dir, 'r');
    try {
      fs.fsyncSync(folder);
    } finally {
      fs.closeSync(folder);
    }
  }

  /** The secret, or null when this process's data folder has none for the output. */
  read(output: string): string | null {
    try {
      return fs.readFileSync(this.file(output), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  remove(output: string): void {
    fs.rmSync(this.file(output), { force: true });
  }
}
