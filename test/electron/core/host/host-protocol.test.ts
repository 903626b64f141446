import { describe, expect, it } from 'vitest';
import { parseCoreHostArgs, parseHostToMain, parseMainToHost } from '../../../../electron/core/host/host-protocol';

describe('main ↔ core host messages', () => {
  it('reads what main sends', () => {
    expect(parseMainToHost({ type: 'connect', windowId: 1 })).toEqual({ type: 'connect', windowId: 1 });
    expect(parseMainToHost({ type: 'disconnect', windowId: 0, extra: true })).toEqual({ type: 'disconnect', windowId: 0 });
    expect(parseMainToHost({ type: 'shutdown' })).toEqual({ type: 'shutdown' });
    const sha256 = 'ab'.repeat(32);
    expect(parseMainToHost({ type: 'media-wanted', requestId: 3, sha256, variant: 'preview' })).toEqual({ type: 'media-wanted', requestId: 3, sha256, variant: 'preview' });
  });

  it.each([null, undefined, 1, 'connect', [], {}, { type: 'connect' }, { type: 'connect', windowId: 1.5 }, { type: 'connect', windowId: -2 }, { type: 'exec', cmd: 'rm' },
    { type: 'media-wanted', requestId: 1, sha256: '../../etc/passwd', variant: 'preview' },
    { type: 'media-wanted', requestId: 1, sha256: 'ab'.repeat(32), variant: 'raw' },
    { type: 'media-wanted', requestId: 0, sha256: 'ab'.repeat(32), variant: 'thumb' }])(
    'drops %j from main',
    (value) => {
      expect(parseMainToHost(value)).toBeNull();
    },
  );

  it('reads what the core host sends, bounding what it does not control', () => {
    expect(parseHostToMain({ type: 'ready', pid: 12 })).toEqual({ type: 'ready', pid: 12 });
    expect(parseHostToMain({ type: 'closed' })).toEqual({ type: 'closed' });
    expect(parseHostToMain({ type: 'fatal', code: 'db_corrupt', message: 'damaged' })).toEqual({ type: 'fatal', code: 'db_corrupt', message: 'damaged' });
    expect(parseHostToMain({ type: 'fatal', code: 'made_up', message: 42 })).toEqual({ type: 'fatal', code: 'internal', message: 'Lede’s core could not start.' });
    expect((parseHostToMain({ type: 'fatal', code: 'internal', message: 'x'.repeat(100_000) }) as { message: string }).message).toHaveLength(4000);
    expect(parseHostToMain({ type: 'media-ready', requestId: 3, available: true })).toEqual({ type: 'media-ready', requestId: 3, available: true });
    expect(parseHostToMain({ type: 'media-ready', requestId: 3, available: 'yes' })).toBeNull();
    expect(parseHostToMain({ type: 'ready' })).toBeNull();
    expect(parseHostToMain('ready')).toBeNull();
  });

  it('finds --data-dir wherever Electron puts the arguments', () => {
    expect(parseCoreHostArgs(['--data-dir', '/lib'])).toEqual({ dataDir: '/lib' });
    expect(parseCoreHostArgs(['/electron', '/app/core-host.mjs', '--data-dir', '/lib'])).toEqual({ dataDir: '/lib' });
    expect(parseCoreHostArgs(['--data-dir=/a b'])).toEqual({ dataDir: '/a b' });
    expect(() => parseCoreHostArgs([])).toThrow(/--data-dir/);
    expect(() => parseCoreHostArgs(['--data-dir'])).toThrow(/--data-dir/);
    expect(() => parseCoreHostArgs(['--data-dir='])).toThrow(/--data-dir/);
  });
});
