import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readAppVersion } from '../app-version';
import { openCore } from '../core';
import { takeDataKeyFromEnv } from '../secrets/data-key';
import { fileModeSealer, keySealer } from '../secrets/secret-sealer';
import { startCoreHost, type CoreHost, type ParentPortLike } from './core-host';
import { parseCoreHostArgs } from './host-protocol';

/**
 * Entry of the core's Electron utility process (bundled to
 * dist/electron/core-host.mjs). Main forks it with `--data-dir <userData>`
 * and talks to it over `process.parentPort`; see host-protocol.ts. It never
 * imports 'electron': `parentPort` is a global Electron puts on `process`.
 */
const parentPort = (process as unknown as { parentPort?: ParentPortLike | null }).parentPort;

if (!parentPort) {
  console.error(
    'core-host.mjs is Lede’s core for the Electron app and only runs inside the utility process that Lede’s main process starts. ' +
      'To run Lede under plain Node, use `npm run web`.',
  );
  process.exit(2);
} else {
  run(parentPort);
}

function run(port: ParentPortLike): void {
  let host: CoreHost | null = null;
  let dataDir: string;
  try {
    dataDir = path.resolve(parseCoreHostArgs(process.argv).dataDir);
  } catch (error) {
    port.postMessage({ type: 'fatal', code: 'internal', message: (error as Error).message });
    setTimeout(() => process.exit(2), 1000);
    return;
  }
  const here = path.dirname(fileURLToPath(import.meta.url));
  // First, before anything can spawn a child process (ExifTool) that would inherit it.
  const dataKey = takeDataKeyFromEnv();
  const secretSealer = dataKey ? keySealer(dataKey) : fileModeSealer;

  // An error nobody caught leaves core in an unknown state: log it and exit,
  // so main starts a fresh core. Every acknowledged update is already
  // committed (synchronous=FULL), and the OS releases the folder lock.
  const crash = (kind: string) => (error: unknown) => {
    const log = host?.core?.log;
    if (log) log.error(`core host: ${kind}`, { error });
    else console.error(`Lede core host: ${kind}:`, error);
    process.exit(70);
  };
  process.on('uncaughtException', crash('uncaught exception'));
  process.on('unhandledRejection', crash('unhandled rejection'));

  host = startCoreHost({
    parentPort: port,
    openCore: () => openCore({ dataDir, shell: 'electron', version: readAppVersion(here), secretSealer, dataKey }),
    exit: (code) => process.exit(code),
    reportEarly: (message) => console.error(message),
  });
}
