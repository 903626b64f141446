import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LIBRARY_KEY_FILE } from '../../electron/core/secrets/library-key';
import { makeTempDir } from '../helpers/temp-dir';
import { startWebShellProcess, type WebShellProcess } from '../helpers/web-shell-process';

let shell: WebShellProcess | null = null;
afterEach(async () => {
  await shell?.stop();
  shell = null;
});

function trade(port: number, token: string): Promise<number> {
  return fetch(`http://127.0.0.1:${port}/api/session`, { method: 'POST', body: JSON.stringify({ token }) }).then((r) => r.status);
}

/** Presses Enter in the shell's terminal and returns the token of the link it prints. */
function pressEnterForLink(process: WebShellProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const already = process.output().length;
    const timer = setTimeout(() => reject(new Error(`no new link within 10 s:\n${process.output()}`)), 10_000);
    const onData = () => {
      const match = /New sign-in link \(one use\): http:\/\/127\.0\.0\.1:\d+\/#token=([\w-]+)/.exec(process.output().slice(already));
      if (!match) return;
      clearTimeout(timer);
      process.child.stdout!.off('data', onData);
      resolve(match[1]!);
    };
    process.child.stdout!.on('data', onData);
    process.child.stdin!.write('\n');
  });
}

describe('npm run web', () => {
  it('prints a one-use link, says how to get another, and prints a new one when Enter is pressed', async () => {
    shell = await startWebShellProcess({ dataDir: makeTempDir(), stdin: 'pipe' });
    expect(shell.output()).toContain('Each link signs in one browser, once. Press Enter here for a new link.');
    expect(shell.output()).toContain('A tab still open from before a restart: paste a link into its “New sign-in link” field.');
    expect(await trade(shell.port, shell.token)).toBe(200);
    expect(await trade(shell.port, shell.token)).toBe(401);

    const fresh = await pressEnterForLink(shell);
    expect(fresh).not.toBe(shell.token);
    expect(await trade(shell.port, fresh)).toBe(200);
    expect(await trade(shell.port, fresh)).toBe(401);
    // The terminal shows links, the log never does.
    expect(shell.output()).not.toMatch(/WARN.*#token=/);
  });

  it('with the library\'s key file gone, refuses to start, names the file and leaves the library as it was', async () => {
    const dataDir = makeTempDir();
    shell = await startWebShellProcess({ dataDir });
    await shell.stop();
    shell = null;
    const keyFile = path.join(dataDir, LIBRARY_KEY_FILE);
    const library = path.join(dataDir, 'lede.sqlite');
    fs.renameSync(keyFile, path.join(dataDir, 'key-moved-away'));
    const before = fs.readFileSync(library);
    const failed = await startWebShellProcess({ dataDir }).then(
      () => null,
      (error: Error) => error.message,
    );
    expect(failed).toMatch(/web shell exited with 1/);
    expect(failed).toContain(`Lede cannot open its library: The library database ${library} is encrypted and its key is not here: ${keyFile} is missing`);
    expect(fs.readFileSync(library).equals(before)).toBe(true);
    expect(fs.existsSync(keyFile)).toBe(false);
  });
});
