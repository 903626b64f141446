import { utilityProcess, type MessagePortMain } from 'electron';
import { DATA_DIR_FLAG } from '../core/host/host-protocol';
import { DATA_KEY_ENV } from '../core/secrets/data-key';
import type { CoreProcessLike } from './core-supervisor';
import { OutputTail } from './output-tail';

/**
 * Forks the core (dist/electron/core-host.mjs) as an Electron utility
 * process: a Node process of its own, so SQLite, Yjs merges and indexing never
 * block window handling. Its output goes on to main's, and the last of it is
 * kept for the dialog shown when it keeps failing.
 */
export function spawnCoreProcess(coreHostPath: string, dataDir: string, dataKey: Buffer | null): CoreProcessLike<MessagePortMain> {
  const tail = new OutputTail();
  const child = utilityProcess.fork(coreHostPath, [DATA_DIR_FLAG, dataDir], {
    serviceName: 'Lede core',
    stdio: 'pipe',
    // The key that seals the sync token (from the OS keychain); core removes it from its environment at once.
    env: dataKey ? { ...process.env, [DATA_KEY_ENV]: dataKey.toString('base64') } : { ...process.env },
  });
  const forward = (target: NodeJS.WriteStream, keep: boolean) => (chunk: Buffer) => {
    if (keep) tail.push(chunk);
    try {
      target.write(chunk);
    } catch {
      // No console attached (a packaged app on Windows): the tail and core's log still have it.
    }
  };
  child.stdout?.on('data', forward(process.stdout, false));
  child.stderr?.on('data', forward(process.stderr, true));
  return {
    postMessage: (message, transfer) => child.postMessage(message, transfer),
    on: (event: 'message' | 'exit', listener: (value: never) => void) => child.on(event as 'exit', listener as (code: number) => void),
    kill: () => child.kill(),
    recentOutput: () => tail.toString(),
  };
}
