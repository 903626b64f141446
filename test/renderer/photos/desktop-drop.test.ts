import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedeBridge } from '../../../shared/contract';
import type { Core } from '../../../electron/core/core';
import { connectLede } from '../../../renderer/api/client';
import { importFiles } from '../../../renderer/photos/media-import';
import { openTestCore } from '../../helpers/core';
import { fixturePath } from '../../helpers/fixtures';
import { makeTempDir } from '../../helpers/temp-dir';

/**
 * A picture file dropped on a story in Electron: its path goes to core
 * through main, and the page learns which photo it became by its hash. Here
 * the "main" hands the paths to a real core, as the shell does.
 */
let core: Core;
const handedOver: string[][] = [];

beforeAll(async () => {
  core = openTestCore();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const session = core.connect((event, payload) => listeners.get(event)?.forEach((listener) => listener(payload)));
  const bridge: LedeBridge = {
    invoke: (channel, payload) => session.invoke(channel as never, payload as never),
    on(event, listener) {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(listener);
      return () => listeners.get(event)!.delete(listener);
    },
    desktop: {
      pickMedia: async () => false,
      pickFolder: async () => null,
      importDropped(files) {
        // The preload's webUtils.getPathForFile: a pasted picture has no path.
        const paths = files.map((file) => (file as { path?: string }).path).filter((p): p is string => Boolean(p));
        handedOver.push(paths);
        if (paths.length) core.media.importPaths(paths);
        return paths.length;
      },
    },
  };
  window.lede = bridge;
  await connectLede();
});

afterAll(async () => {
  await core.close();
});

function fileAt(file: string, name: string, type = 'image/jpeg'): File {
  return Object.assign(new File([fs.readFileSync(file)], name, { type }), { path: file });
}

describe('a picture dropped on a story in Electron', () => {
  it('answers with the photo each file became, and why one was refused', async () => {
    const notes = `${makeTempDir()}/notes.jpg`;
    fs.writeFileSync(notes, 'Call the desk about the Wigan pictures.\n');
    const photo = fixturePath('images', 'metapm.jpg');
    const { done } = await importFiles([fileAt(photo, 'metapm.jpg'), fileAt(notes, 'notes.jpg')], { outcomes: true });
    const outcomes = await done;
    expect(outcomes).toEqual([
      { status: 'imported', name: 'metapm.jpg', sha256: createHash('sha256').update(fs.readFileSync(photo)).digest('hex') },
      { status: 'failed', name: 'notes.jpg', reason: 'the photo desk’s import report says why.' },
    ]);
    expect(handedOver.at(-1)).toEqual([photo, notes]);
  });

  it('a photo already in the library is answered at once, without importing it again', async () => {
    const before = handedOver.length;
    const outcomes = await (await importFiles([fileAt(fixturePath('images', 'metapm.jpg'), 'metapm.jpg')], { outcomes: true })).done;
    expect(outcomes.map((o) => o.status)).toEqual(['imported']);
    expect(handedOver.length).toBe(before);
  });

  it('a pasted picture that is not a file on disk is refused with what to do instead', async () => {
    const pasted = new File([fs.readFileSync(fixturePath('images', 'nometa.jpg'))], 'image.png', { type: 'image/png' });
    const outcomes = await (await importFiles([pasted], { outcomes: true })).done;
    expect(outcomes).toEqual([{ status: 'failed', name: 'image.png', reason: expect.stringMatching(/not a file on this computer.*save it as a file/) }]);
  });

  it('the photo desk’s own drops do not wait or hash: they only hand the paths over', async () => {
    const before = handedOver.length;
    const outcomes = await (await importFiles([fileAt(fixturePath('images', 'nometa.jpg'), 'nometa.jpg')])).done;
    expect(outcomes).toEqual([]);
    expect(handedOver.length).toBe(before + 1);
  });
});
