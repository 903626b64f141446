import { spawn } from 'node:child_process';
import path from 'node:path';

/** The built web shell (dist/web/server.mjs: core and the web shell in one Node process) as a child process. */
export interface WebShellHandle {
  /** The sign-in link it printed (`http://127.0.0.1:<port>/#token=…`). */
  url: string;
  port: number;
  /** The one-use sign-in token of that link. */
  token: string;
  pid: number;
  /** performance.now() when it was spawned, and how long until its ready line. */
  started: number;
  readyMs: number;
  /** Date.now() at spawn and at the ready line, to compare with the times in its log. */
  startedWallMs: number;
  readyWallMs: number;
  stop(): Promise<void>;
}

/** Starts `node dist/web/server.mjs` on a data folder and resolves once it prints its ready line. */
export async function startWebShell(repo: string, dataDir: string): Promise<WebShellHandle> {
  const startedWallMs = Date.now();
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(repo, 'dist', 'web', 'server.mjs'), '--data-dir', dataDir, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const found = /Lede is ready at (http:\/\/127\.0\.0\.1:(\d+)\/#token=([\w-]+))/.exec(out);
      if (found) resolve(found);
    });
    void exited.then(() => reject(new Error(`web shell exited (${child.exitCode ?? child.signalCode})`)));
  });
  const readyMs = performance.now() - started;
  return {
    url: match[1]!,
    port: Number(match[2]),
    token: match[3]!,
    pid: child.pid!,
    started,
    readyMs,
    startedWallMs,
    readyWallMs: startedWallMs + readyMs,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}
