import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { bundleScript } from './bundle-script';
import { makeTempDir } from './temp-dir';

export interface WebShellProcess {
  child: ChildProcess;
  port: number;
  token: string;
  url: string;
  output: () => string;
  /** SIGKILL, no chance to clean up. */
  kill(): Promise<void>;
  /** SIGTERM, the graceful path. */
  stop(): Promise<number | null>;
}

/**
 * Starts the web shell as its own process (bundled from source) on a data
 * folder and waits for its "ready" line.
 */
export async function startWebShellProcess(options: {
  dataDir: string;
  rendererDir?: string;
  args?: string[];
  env?: Record<string, string>;
  /** 'pipe' to type into the shell's terminal (child.stdin); by default it reads /dev/null. */
  stdin?: 'ignore' | 'pipe';
}): Promise<WebShellProcess> {
  const server = await bundleScript('electron/web/main.ts');
  const rendererDir = options.rendererDir ?? emptyRenderer();
  const child = spawn(process.execPath, [server, '--data-dir', options.dataDir, '--port', '0', ...(options.args ?? [])], {
    env: { ...process.env, LEDE_RENDERER_DIR: rendererDir, ...options.env },
    stdio: [options.stdin ?? 'ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = await new Promise<RegExpMatchArray>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web shell did not start:\n${output}`)), 20_000);
    const check = () => {
      const match = /Lede is ready at (http:\/\/127\.0\.0\.1:(\d+)\/#token=([\w-]+))/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    };
    child.stdout!.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`web shell exited with ${code}:\n${output}`));
    });
  });
  return {
    child,
    url: ready[1]!,
    port: Number(ready[2]),
    token: ready[3]!,
    output: () => output,
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

function emptyRenderer(): string {
  const dir = makeTempDir('lede-renderer-');
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Lede</title>');
  return dir;
}
