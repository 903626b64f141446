import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { repoRoot } from './fixtures';
import { makeTempDir } from './temp-dir';

const bundles = new Map<string, Promise<string>>();

/**
 * Bundles a small TypeScript entry (a test's child process) into a runnable
 * .mjs in a temp folder, with its worker threads' entries beside it (as the
 * build places them). the SQLite module stays external (it is native) and is
 * found through a node_modules link to the repository's.
 */
export function bundleScript(entry: string, companions: readonly string[] = []): Promise<string> {
  const absolute = path.resolve(repoRoot, entry);
  const key = [absolute, ...companions].join('\n');
  let pending = bundles.get(key);
  if (!pending) {
    pending = (async () => {
      const dir = makeTempDir('lede-script-');
      const outfile = path.join(dir, `${path.basename(absolute, '.ts')}.mjs`);
      await Promise.all(
        [absolute, ...companions.map((companion) => path.resolve(repoRoot, companion))].map((source) =>
          build({
            entryPoints: [source],
            outfile: path.join(dir, `${path.basename(source, '.ts')}.mjs`),
            bundle: true,
            platform: 'node',
            target: 'node20',
            format: 'esm',
            // Native or optional modules stay outside; ws probes for bufferutil and utf-8-validate, ssh2 for its native crypto.
            external: ['better-sqlite3-multiple-ciphers', 'electron', 'bufferutil', 'utf-8-validate', 'pg-native', 'ssh2'],
            banner: { js: "import { createRequire as __ledeRequire } from 'node:module'; const require = __ledeRequire(import.meta.url);" },
            logLevel: 'error',
          }),
        ),
      );
      fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
      return outfile;
    })();
    bundles.set(key, pending);
  }
  return pending;
}

export interface ScriptProcess {
  child: ChildProcess;
  /** Complete lines the child wrote to stdout so far (a partial last line is left out). */
  lines(): string[];
  stderr(): string;
  /** Resolves once `predicate` holds for the lines so far; rejects if the child exits first. */
  waitFor(predicate: (lines: string[]) => boolean, what: string): Promise<void>;
  /** SIGKILL: no cleanup, no flush, like a crash. Resolves when the process is gone. */
  kill(): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts a bundled script under the same Node as the tests. */
export function startScript(file: string, args: string[], env: NodeJS.ProcessEnv = process.env): ScriptProcess {
  const child = spawn(process.execPath, [file, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
  let stdout = '';
  let stderr = '';
  const watchers = new Set<() => void>();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const lines = () => {
    const end = stdout.lastIndexOf('\n');
    return end < 0 ? [] : stdout.slice(0, end).split('\n');
  };
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
    for (const check of watchers) check();
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return {
    child,
    lines,
    stderr: () => stderr,
    exited,
    waitFor(predicate, what) {
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          if (!predicate(lines())) return;
          watchers.delete(check);
          resolve();
        };
        watchers.add(check);
        check();
        void exited.then(({ code, signal }) => {
          if (!watchers.has(check)) return;
          watchers.delete(check);
          // A last chunk may have arrived with the exit.
          if (predicate(lines())) resolve();
          else reject(new Error(`child exited (${code ?? signal}) before ${what}:\n${stderr}`));
        });
      });
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
