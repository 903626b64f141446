import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/** The built sync server (dist/server/main.mjs, its store worker beside it) as a child process. */
export interface ServerHandle {
  url: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

export async function startServer(repo: string, dataDir: string, port = 0, args: string[] = []): Promise<ServerHandle> {
  const child: ChildProcess = spawn(process.execPath, [path.join(repo, 'dist', 'server', 'main.mjs'), '--data-dir', dataDir, '--port', String(port), ...args], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    void exited.then(() => reject(new Error('sync server exited')));
  });
  return {
    url,
    port: Number(new URL(url).port),
    pid: child.pid!,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export function addUser(repo: string, dataDir: string, name: string): string {
  const result = spawnSync(process.execPath, [path.join(repo, 'dist', 'server', 'main.mjs'), 'user', 'add', name, '--role', 'editor', '--data-dir', dataDir], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
  return result.stdout.trimEnd().split('\n').at(-1)!;
}

