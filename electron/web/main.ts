import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { LedeError } from '../../shared/errors';
import { readAppVersion } from '../core/app-version';
import { openCore } from '../core/core';
import { parseWebShellArgs } from './args';
import { startWebShell } from './server';

/**
 * `npm run web`: core and the web shell in one Node process. Prints its
 * sign-in link when it serves; drains and closes the library on SIGINT/SIGTERM.
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
  // One write, so whoever waits for the ready line has the hint too.
  // The third line is for tabs left open across a restart: their session
  // ended with the old process, their unsaved edits did not (ADR 0068).
  console.log(
    `Lede is ready at ${shell.url}\nEach link signs in one browser, once. Press Enter here for a new link.\nA tab still open from before a restart: paste a link into its “New sign-in link” field.`,
  );
  offerFreshLinks(() => shell.freshLink());

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

/**
 * Enter in the terminal prints a new one-use link (ADR 0046), for a second
 * browser or after the first link was used. Not a terminal in raw mode: Ctrl-C
 * must still reach the process as SIGINT. Where stdin is /dev/null (tests,
 * services) it simply ends.
 */
function offerFreshLinks(freshLink: () => string): void {
  const lines = readline.createInterface({ input: process.stdin, terminal: false });
  lines.on('line', () => console.log(`New sign-in link (one use): ${freshLink()}`));
}

void main();
