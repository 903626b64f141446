import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { articleParts } from '../../../shared/article-doc';
import { base64ToBytes, bytesToBase64 } from '../../../shared/base64';
import { openApiSocket, sessionCookie, type ApiSocket } from '../../helpers/api-socket';
import { mulberry32 } from '../../helpers/random';
import { closeAll, openSyncedClient, storyContent, waitSynced, waitUntil, type SyncedClient } from '../../helpers/sync';
import { startSyncServerProcess, type SyncServerProcess } from '../../helpers/sync-server-process';
import { makeTempDir } from '../../helpers/temp-dir';
import { startWebShellProcess, type WebShellProcess } from '../../helpers/web-shell-process';

const SEED = 4242;

let shell: WebShellProcess | null = null;
let server: SyncServerProcess | null = null;
let checker: SyncedClient | null = null;
afterEach(async () => {
  await shell?.stop();
  await closeAll(checker ? [checker] : [], server ? [server] : []);
  shell = null;
  server = null;
  checker = null;
});

async function socketFor(process: WebShellProcess): Promise<ApiSocket> {
  return openApiSocket(process.port, await sessionCookie(process.port, process.token));
}

/** One acknowledged edit through the web shell's API, as the renderer makes it. */
async function appendToTeaser(socket: ApiSocket, id: string, text: string): Promise<void> {
  const { state } = await socket.call('article.open', { id });
  const doc = new Y.Doc();
  Y.applyUpdate(doc, base64ToBytes(state));
  const before = Y.encodeStateVector(doc);
  const teaser = articleParts(doc).teaser;
  teaser.insert(teaser.length, text);
  await socket.call('article.update', { id, update: bytesToBase64(Y.encodeStateAsUpdate(doc, before)) });
  await socket.call('article.close', { id });
}

describe('sync survives crashes', () => {
  it(`server and workstation killed at random points mid-sync: it resumes and every acknowledged edit reaches the server (seed ${SEED})`, async () => {
    const random = mulberry32(SEED);
    server = await startSyncServerProcess();
    const token = await server.addUser('Richard Connor', 'editor');
    const dataDir = makeTempDir();
    shell = await startWebShellProcess({ dataDir });
    let socket = await socketFor(shell);
    await socket.call('profile.set', { name: 'Richard Connor', role: 'reporter' });
    await socket.call('sync.signIn', { serverUrl: server.url, token });

    const expected = new Map<string, string[]>();
    const events: string[] = [];
    for (let round = 0; round < 8; round++) {
      const created = await socket.invoke('article.create', {});
      if (!created.ok) throw new Error(JSON.stringify(created) + shell.output());
      const { id } = created.value as { id: string };
      expected.set(id, []);
      for (const storyId of [...expected.keys()].slice(-3)) {
        for (let edit = 0; edit < 4; edit++) {
          const word = `r${round}e${edit}x${random.int(1e6)} `;
          await appendToTeaser(socket, storyId, word);
          expected.get(storyId)!.push(word);
        }
      }
      // Mid-sync: somewhere in the next moments, something dies.
      await new Promise((resolve) => setTimeout(resolve, random.int(120)));
      if (random.chance(0.5)) {
        events.push(`round ${round}: workstation killed`);
        socket.close();
        await shell.kill();
        shell = await startWebShellProcess({ dataDir });
        socket = await socketFor(shell);
      } else {
        events.push(`round ${round}: server killed`);
        await server.kill();
        await server.restart();
      }
    }
    try {
      await waitUntil(async () => (await socket.call('sync.status', {})).state === 'synced', 'the workstation to be synced', 30_000);
    } catch (error) {
      throw new Error(`${(error as Error).message}\nseed ${SEED}; ${events.join('; ')}`);
    }
    socket.close();

    // A fresh computer reads what the server stored.
    checker = await openSyncedClient(server, token, 'Checker');
    await waitSynced(checker);
    for (const [id, words] of expected) {
      const teaser = storyContent(checker.core, id).fields.teaser;
      for (const word of words) expect(teaser, `seed ${SEED}; ${events.join('; ')}`).toContain(word);
      expect(teaser).toBe(words.join(''));
    }
    // Bounded by its own waits (30 s for the workstation, 20 s for the checker)
    // plus eight process restarts; those waits report the seed and the kills,
    // which the runner's default 30 s would cut off first.
  }, 150_000);
});
