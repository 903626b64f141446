import { afterAll, describe, expect, it } from 'vitest';
import type { Core, CoreSession } from '../../../electron/core/core';
import { mulberry32 } from '../../helpers/random';
import { openTestCore } from '../../helpers/core';
import { storyContent, waitUntil } from '../../helpers/sync';
import { startSyncServerProcess, type SyncServerProcess } from '../../helpers/sync-server-process';
import { startTcpProxy, type TcpProxy } from '../../helpers/tcp-proxy';
import { FuzzEditor, headlineTokens, randomEdit, visibleTokens, type TokenLedger } from './fuzz-editor';

const SEED = Number(process.env.LEDE_FUZZ_SEED ?? 20251015);
const CLIENTS = 5;
const STORIES = 3;
const ROUNDS = 36;
const EDITS_PER_ROUND = 17;

interface FuzzClient {
  index: number;
  core: Core;
  session: CoreSession;
  net: TcpProxy;
  editors: Map<string, FuzzEditor>;
}

const cleanup: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step().catch(() => undefined);
});

async function call<T>(session: CoreSession, channel: string, payload: unknown): Promise<T> {
  const result = await session.invoke(channel, payload);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

describe('sync convergence fuzz', () => {
  it(`${CLIENTS} workstations, ${ROUNDS * EDITS_PER_ROUND * CLIENTS} random edits, random network cuts and server restarts converge and lose nothing (seed ${SEED})`, async () => {
    const random = mulberry32(SEED);
    const log: string[] = [];
    const fail = (message: string) => new Error(`Fuzz seed ${SEED} (set LEDE_FUZZ_SEED to replay): ${message}\nlast events: ${log.slice(-15).join(' | ')}`);

    const server: SyncServerProcess = await startSyncServerProcess();
    cleanup.push(() => server.stop());
    const token = await server.addUser('Fuzz Desk', 'editor');
    const ledger: TokenLedger = { inserted: new Map(), deleted: new Set() };
    let counter = 0;

    const clients: FuzzClient[] = [];
    for (let index = 0; index < CLIENTS; index++) {
      const net = await startTcpProxy(() => server.port);
      const core = openTestCore({ compactAfterUpdates: 50 });
      const editors = new Map<string, FuzzEditor>();
      const session = core.connect((event, payload) => {
        if (event !== 'article.updated') return;
        const { id, update } = payload as { id: string; update: string };
        editors.get(id)?.receive(update);
      });
      cleanup.push(async () => {
        session.close();
        await core.close();
        await net.close();
      });
      await call(session, 'profile.set', { name: `Editor ${index}`, role: 'editor' });
      await call(session, 'sync.signIn', { serverUrl: net.url, token });
      clients.push({ index, core, session, net, editors });
    }

    const stories: string[] = [];
    for (let i = 0; i < STORIES; i++) stories.push((await call<{ id: string }>(clients[0]!.session, 'article.create', {})).id);
    for (const client of clients) {
      await waitUntil(() => stories.every((id) => client.core.internals.docs.info(`article:${id}`)), `client ${client.index} to receive the stories`, 20_000);
      for (const id of stories) await FuzzEditor.open(client.session, id, client.editors);
    }

    for (let round = 0; round < ROUNDS; round++) {
      for (const client of clients) {
        for (let i = 0; i < EDITS_PER_ROUND; i++) {
          const editor = client.editors.get(random.pick(stories))!;
          await editor.edit((doc) => randomEdit(doc, random, () => `k${client.index}x${counter++}q`, ledger));
        }
        // The network comes and goes.
        if (!client.net.isCut && random.chance(0.15)) {
          client.net.cut();
          log.push(`r${round}: client ${client.index} offline`);
        } else if (client.net.isCut && random.chance(0.4)) {
          client.net.restore();
          log.push(`r${round}: client ${client.index} online`);
          if (random.chance(0.6)) await call(client.session, 'sync.retry', {});
        }
      }
      if (random.chance(0.12)) {
        const hard = random.chance(0.5);
        log.push(`r${round}: server ${hard ? 'killed' : 'stopped'}`);
        await (hard ? server.kill() : server.stop());
        await new Promise((resolve) => setTimeout(resolve, random.int(300)));
        await server.restart();
      }
      await new Promise((resolve) => setTimeout(resolve, random.int(60)));
    }

    // Everyone back online.
    for (const client of clients) {
      client.net.restore();
      await call(client.session, 'sync.retry', {});
    }
    try {
      await waitUntil(() => clients.every((client) => client.core.internals.sync.isSettled()), 'every client to be synced', 45_000, () =>
        clients.map((client) => JSON.stringify(client.core.internals.sync.status())).join('\n'),
      );
      const same = () =>
        stories.every((id) => {
          const first = JSON.stringify(storyContent(clients[0]!.core, id));
          return clients.every((client) => JSON.stringify(storyContent(client.core, id)) === first);
        });
      await waitUntil(same, 'every copy to be identical', 30_000);
    } catch (error) {
      throw fail((error as Error).message);
    }

    const editsMade = ROUNDS * EDITS_PER_ROUND * CLIENTS;
    expect(editsMade).toBeGreaterThanOrEqual(3000);
    // No inserted token that was not deliberately deleted is missing; none appears twice; no deleted one came back.
    const seen = new Map<string, number>();
    for (const id of stories) for (const token of visibleTokens(clients[0]!.core, id)) seen.set(token, (seen.get(token) ?? 0) + 1);
    // A headline two clients rewrote offline is resolved to one whole version, the other offered beside it (ADR 0061).
    const offered = new Set<string>();
    const keptWhole = new Set<string>();
    for (const id of stories) {
      const headline = headlineTokens(clients[0]!.core, id);
      for (const token of headline.offered) offered.add(token);
      if (headline.offered.length > 0) for (const token of headline.standing) keptWhole.add(token);
    }
    const missing = [...ledger.inserted.keys()].filter((token) => !ledger.deleted.has(token) && !seen.has(token) && !offered.has(token));
    const doubled = [...seen].filter(([, count]) => count > 1).map(([token]) => token);
    const resurrected = [...ledger.deleted].filter((token) => seen.has(token) && !keptWhole.has(token));
    if (missing.length || doubled.length || resurrected.length) {
      throw fail(`missing ${missing.slice(0, 10).join(',')} (${missing.length}); doubled ${doubled.slice(0, 10).join(',')}; resurrected ${resurrected.slice(0, 10).join(',')}`);
    }
    expect(ledger.inserted.size).toBeGreaterThan(1000);
    // The editors' own copies agree with core's too.
    for (const client of clients) {
      for (const id of stories) {
        const editorState = client.editors.get(id)!.doc;
        const coreDoc = client.core.internals.docs.load(`article:${id}`)!;
        expect(JSON.stringify(editorState.getXmlFragment('body').toJSON())).toBe(JSON.stringify(coreDoc.getXmlFragment('body').toJSON()));
        coreDoc.destroy();
      }
    }
    // The whole test's bound is the sum of its own bounded waits (20 + 45 + 30 s)
    // plus the edits themselves: each wait names what it waited for and dumps
    // the clients' status, which the runner's default 30 s would cut off first.
  }, 180_000);
});
