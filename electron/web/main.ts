import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LedeError } from '../../shared/errors';
import { readAppVersion } from '../core/app-version';
import { openCore } from '../core/core';
import { parseWebShellArgs } from './args';
import { startWebShell } from './server';

/**
 * `npm run web`: core and the web shell in one Node process. Prints one line
 * when it serves; drains and closes the library on SIGINT/SIGTERM.
 */
async function main(): Promise<void> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  let args;
  try {
    args = parseWebShellArgs(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  let core;
  try {
    core = openCore({ dataDir: path.resolve(args.dataDir), shell: 'web', version: readAppVersion(here) });
  } catch (error) {
    if (error instanceof LedeError) {
      console.error(`Lede cannot open its library: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const rendererDir = process.env.LEDE_RENDERER_DIR ?? path.resolve(here, '..', 'renderer');
  const shell = await startWebShell(core, { port: args.port, rendererDir }).catch((error: NodeJS.ErrnoException) => {
    const reason = error.code === 'EADDRINUSE' ? `port ${args.port} is in use (try --port 0 for any free port)` : error.message;
    console.error(`Lede cannot start its web shell: ${reason}`);
    void core.close().then(() => process.exit(1));
    return null;
  });
  if (!shell) return;
  console.log(`Lede is ready at ${shell.url}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    core.log.info('web shell stopping', { signal });
    await shell.close();
    await core.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

void main();
