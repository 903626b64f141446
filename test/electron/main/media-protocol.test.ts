import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { variantPath } from '../../../electron/core/media/media-store';
import type { EnsureMediaFile } from '../../../electron/core/media/media-response';
import { mediaResponse } from '../../../electron/main/media-protocol';
import { expectServedMediaHeaders } from '../../helpers/media-headers';
import { makeTempDir } from '../../helpers/temp-dir';

const SHA = 'ab'.repeat(32);

function ask(dataDir: string, url: string, ensureFile: EnsureMediaFile, headers: Record<string, string> = {}) {
  return mediaResponse(dataDir, new Request(url, { headers }), ensureFile);
}

describe('lede-media:// in the Electron shell', () => {
  it('serves a stored file by hash and variant, with byte ranges, without asking the core', async () => {
    const dataDir = makeTempDir();
    const thumb = variantPath(dataDir, SHA, 'thumb');
    fs.mkdirSync(path.dirname(thumb), { recursive: true });
    fs.writeFileSync(thumb, Buffer.from('0123456789'));
    const asked: string[] = [];
    const ensure: EnsureMediaFile = async (sha, variant) => (asked.push(`${sha}/${variant}`), false);
    const whole = await ask(dataDir, `lede-media://${SHA}/thumb`, ensure);
    expect(whole.status).toBe(200);
    expectServedMediaHeaders(whole.headers, 'image/jpeg');
    expect(Buffer.from(await whole.arrayBuffer()).toString()).toBe('0123456789');
    const part = await ask(dataDir, `lede-media://${SHA}/thumb`, ensure, { Range: 'bytes=2-4' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 2-4/10');
    expectServedMediaHeaders(part.headers, 'image/jpeg');
    expect(await part.text()).toBe('234');
    const head = await mediaResponse(dataDir, new Request(`lede-media://${SHA}/thumb`, { method: 'HEAD' }), ensure);
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('10');
    expectServedMediaHeaders(head.headers, 'image/jpeg');
    const beyond = await ask(dataDir, `lede-media://${SHA}/thumb`, ensure, { Range: 'bytes=10-' });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe('bytes */10');
    expect(asked).toEqual([]);
  });

  it('asks the core for a file not on disk yet (a first preview, a photo known by sync) and serves it once made', async () => {
    const dataDir = makeTempDir();
    const asked: string[] = [];
    const makeIt: EnsureMediaFile = async (sha, variant) => {
      asked.push(`${sha}/${variant}`);
      const file = variantPath(dataDir, sha, variant);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, Buffer.from('made'));
      return true;
    };
    const response = await ask(dataDir, `lede-media://${SHA}/preview`, makeIt);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('made');
    expect(asked).toEqual([`${SHA}/preview`]);
  });

  it('is 404 when the core cannot have it, and never asks about what is not a hash and variant', async () => {
    const dataDir = makeTempDir();
    const asked: string[] = [];
    const cannot: EnsureMediaFile = async (sha, variant) => (asked.push(`${sha}/${variant}`), false);
    expect((await ask(dataDir, `lede-media://${SHA}/preview`, cannot)).status).toBe(404);
    for (const url of [`lede-media://${SHA}/raw`, 'lede-media://..%2F..%2Fetc/thumb', `lede-media://${SHA.slice(1)}/thumb`, `lede-media://${SHA}/thumb/extra`]) {
      expect((await ask(dataDir, url, cannot)).status, url).toBe(404);
    }
    expect(asked).toEqual([`${SHA}/preview`]);
    expect((await mediaResponse(dataDir, new Request(`lede-media://${SHA}/thumb`, { method: 'POST' }), cannot)).status).toBe(405);
  });
});
