import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { articleParts, bodyPlainText, readArticleFields } from '../../shared/article-doc';
import { base64ToBytes, bytesToBase64 } from '../../shared/base64';
import { openApiSocket, sessionCookie, type ApiSocket } from '../helpers/api-socket';
import { REPORTER } from '../helpers/core';
import { makeTempDir } from '../helpers/temp-dir';
import { startWebShellProcess } from '../helpers/web-shell-process';

async function connectTo(shell: { port: number; token: string }): Promise<ApiSocket> {
  return openApiSocket(shell.port, await sessionCookie(shell.port, shell.token));
}

async function openDoc(api: ApiSocket, id: string): Promise<Y.Doc> {
  const { state } = await api.call('article.open', { id });
  const doc = new Y.Doc();
  Y.applyUpdate(doc, base64ToBytes(state));
  return doc;
}

/**
 * Types `count` words into the body and the teaser as fast as the socket
 * takes them (many updates in flight at once), and SIGKILLs the web shell
 * the moment the `killAfter`-th acknowledgement arrives. Returns the words
 * whose update had been acknowledged.
 */
async function burstThenKill(killAfter: number, count: number) {
  const dataDir = makeTempDir();
  const shell = await startWebShellProcess({ dataDir });
  const api = await connectTo(shell);
  await api.call('profile.set', REPORTER);
  const { id } = await api.call('article.create', {});
  const doc = await openDoc(api, id);
  const parts = articleParts(doc);
  const acknowledged: string[] = [];
  let killed: Promise<void> | null = null;
  const sends: Array<Promise<unknown>> = [];
  for (let i = 0; i < count; i++) {
    const word = `w${i}x`;
    let update: Uint8Array | null = null;
    const capture = (u: Uint8Array) => (update = u);
    doc.once('update', capture);
    doc.transact(() => {
      const paragraph = parts.body.get(0) as Y.XmlElement;
      let text = paragraph.get(0) as Y.XmlText | undefined;
      if (!text) {
        text = new Y.XmlText();
        paragraph.insert(0, [text]);
      }
      text.insert(text.length, `${word} `);
      parts.teaser.insert(parts.teaser.length, `${word} `);
    });
    sends.push(
      api.invoke('article.update', { id, update: bytesToBase64(update!) }).then((result) => {
        if (!result.ok || killed) return;
        acknowledged.push(word);
        if (acknowledged.length === killAfter) killed = shell.kill();
      }),
    );
  }
  await Promise.race([Promise.all(sends), new Promise((resolve) => setTimeout(resolve, 5000))]);
  if (!killed) killed = shell.kill();
  await killed;
  api.close();
  return { dataDir, id, acknowledged };
}

describe('crash safety of the web shell', () => {
  for (const [killAfter, count] of [
    [1, 40],
    [17, 60],
    [150, 300],
    [200, 200],
  ] as const) {
    it(`keeps every acknowledged edit when killed after ack ${killAfter} of ${count}`, async () => {
      const { dataDir, id, acknowledged } = await burstThenKill(killAfter, count);
      expect(acknowledged.length).toBeGreaterThanOrEqual(killAfter);

      const restarted = await startWebShellProcess({ dataDir });
      try {
        const api = await connectTo(restarted);
        const doc = await openDoc(api, id);
        const body = bodyPlainText(articleParts(doc).body).split(/\s+/);
        const teaser = readArticleFields(doc).teaser.split(/\s+/);
        const missing = acknowledged.filter((word) => !body.includes(word) || !teaser.includes(word));
        expect(missing).toEqual([]);
        // The library row was rebuilt from the document after the crash.
        const page = await api.call('library.list', { query: acknowledged[0]! });
        expect(page.items.map((item) => item.id)).toContain(id);
        api.close();
      } finally {
        await restarted.stop();
      }
    });
  }

  it('shuts down cleanly on SIGTERM and the next start opens the same library', async () => {
    const dataDir = makeTempDir();
    const shell = await startWebShellProcess({ dataDir });
    const api = await connectTo(shell);
    await api.call('profile.set', REPORTER);
    const { id } = await api.call('article.create', { section: 'Politics' });
    api.close();
    expect(await shell.stop()).toBe(0);
    const again = await startWebShellProcess({ dataDir });
    const api2 = await connectTo(again);
    const page = await api2.call('library.list', {});
    expect(page.items.map((item) => item.id)).toEqual([id]);
    api2.close();
    await again.stop();
  });

  it('refuses a second web shell on the same data folder, naming the first', async () => {
    const dataDir = makeTempDir();
    const first = await startWebShellProcess({ dataDir });
    try {
      await expect(startWebShellProcess({ dataDir })).rejects.toThrow(new RegExp(`in use by Lede .*process ${first.child.pid}`));
    } finally {
      await first.stop();
    }
  });
});
