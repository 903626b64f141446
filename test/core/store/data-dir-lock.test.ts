import fs from 'node:fs';
import os from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { LedeError } from '../../../shared/errors';
import type { Core } from '../../../electron/core/core';
import { dataPaths } from '../../../electron/core/paths';
import { bundleScript, startScript, type ScriptProcess } from '../../helpers/bundle-script';
import { connect, openTestCore, REPORTER } from '../../helpers/core';
import { makeTempDir } from '../../helpers/temp-dir';

const opened: Core[] = [];
const children: ScriptProcess[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) await child.kill();
  for (const core of opened.splice(0)) await core.close();
});

function open(dataDir: string): Core {
  const core = openTestCore({ dataDir });
  opened.push(core);
  return core;
}

function lockRefusal(dataDir: string): LedeError {
  try {
    open(dataDir);
  } catch (error) {
    expect(error).toBeInstanceOf(LedeError);
    return error as LedeError;
  }
  throw new Error('a second core opened the same data folder');
}

async function holdInChild(dataDir: string): Promise<{ holder: ScriptProcess; pid: number }> {
  const script = await bundleScript('test/core/store/lock-holder.child.ts');
  const holder = startScript(script, [dataDir]);
  children.push(holder);
  await holder.waitFor((lines) => lines.some((line) => line.startsWith('holding ')), 'it held the lock');
  return { holder, pid: Number(holder.lines().find((line) => line.startsWith('holding '))!.split(' ')[1]) };
}

describe('one Lede per data folder', () => {
  it('refuses a second core on the same folder, naming the holder by pid and host', () => {
    const dataDir = makeTempDir();
    open(dataDir);
    const error = lockRefusal(dataDir);
    expect(error.code).toBe('data_dir_locked');
    expect(error.message).toContain(`process ${process.pid}`);
    expect(error.message).toContain(os.hostname());
    expect(error.message).toContain(dataDir);
  });

  it('lets the second core open once the first has closed, and keeps the stories', async () => {
    const dataDir = makeTempDir();
    const first = open(dataDir);
    const client = connect(first);
    await client.call('profile.set', REPORTER);
    const { id } = await client.call('article.create', {});
    expect(lockRefusal(dataDir).code).toBe('data_dir_locked');
    await first.close();
    const second = open(dataDir);
    const page = await connect(second).call('library.list', {});
    expect(page.items.map((item) => item.id)).toEqual([id]);
  });

  it('a refused core writes nothing to the holder\'s database', async () => {
    const dataDir = makeTempDir();
    const first = open(dataDir);
    await connect(first).call('profile.set', REPORTER);
    const database = dataPaths(dataDir).database;
    const before = fs.statSync(database).mtimeMs;
    lockRefusal(dataDir);
    expect(fs.statSync(database).mtimeMs).toBe(before);
    // The holder is unaffected and keeps working.
    await expect(connect(first).call('article.create', {})).resolves.toHaveProperty('id');
  });

  it('refuses a core while another process holds the folder, naming that process', async () => {
    const dataDir = makeTempDir();
    const { pid } = await holdInChild(dataDir);
    const error = lockRefusal(dataDir);
    expect(error.code).toBe('data_dir_locked');
    expect(error.message).toContain(`process ${pid}`);
    expect(error.message).toContain(os.hostname());
  });

  it('leaves no stale lock when the holder is killed with SIGKILL', async () => {
    const dataDir = makeTempDir();
    const { holder, pid } = await holdInChild(dataDir);
    expect(lockRefusal(dataDir).message).toContain(`process ${pid}`);
    await holder.kill();
    const core = open(dataDir);
    await expect(connect(core).call('app.info', {})).resolves.toMatchObject({ shell: 'web' });
    // The dead holder's note is replaced: a third core is told about this one.
    const error = lockRefusal(dataDir);
    expect(error.message).toContain(`process ${process.pid}`);
    expect(error.message).not.toContain(`process ${pid} `);
  });
});
