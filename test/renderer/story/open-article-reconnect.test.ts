import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { articleParts } from '../../../shared/article-doc';
import { createClient } from '../../../shared/contract';
import type { ClientMessage } from '../../../shared/wire';
import type { Core } from '../../../electron/core/core';
import { attachPort } from '../../../electron/core/host/port-transport';
import { createPortBridge, type PagePortLike } from '../../../electron/preload/port-bridge';
import { OpenArticle, type SaveState } from '../../../renderer/story/open-article';
import { connect, openTestCore, REPORTER } from '../../helpers/core';
import { makeTempDir } from '../../helpers/temp-dir';
import { asElectronPort } from '../../electron/helpers/ports';
import { untilSaveState } from './until-save-state';

/**
 * The promise in docs/architecture.md: if the pipe to core breaks, the
 * renderer keeps unacknowledged updates, reopens the story when the
 * connection is back and sends them then. Driven through the Electron page's
 * real bridge (electron/preload/port-bridge.ts) over MessagePorts to a real
 * core, as main connects them.
 */

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function startCore(dataDir: string): Core {
  const core = openTestCore({ dataDir, shell: 'electron' });
  cleanups.push(() => core.close());
  return core;
}

/**
 * A port to a real core session. `onReply` sees each message core sends and
 * may swallow it (the pipe broke before it got through); `onRequest` sees
 * each call the page sends.
 */
function corePort(core: Core, hooks: { onRequest?: (message: ClientMessage) => void; onReply?: (message: unknown) => 'drop' | void } = {}): PagePortLike {
  const { port1, port2 } = new MessageChannel();
  attachPort(core, asElectronPort(port1));
  cleanups.push(() => port2.close());
  let deliver: (event: { data: unknown }) => void = () => undefined;
  port2.on('message', (data: unknown) => {
    if (hooks.onReply?.(data) !== 'drop') deliver({ data });
  });
  return {
    postMessage(message) {
      hooks.onRequest?.(message as ClientMessage);
      port2.postMessage(message);
    },
    addEventListener: (_type, listener) => void (deliver = listener),
    start: () => undefined,
    close: () => port2.close(),
  };
}

function saveStates(article: OpenArticle): SaveState['kind'][] {
  const kinds: SaveState['kind'][] = [];
  article.onSaveState((state) => kinds.push(state.kind));
  return kinds;
}

async function newStory(core: Core): Promise<string> {
  const client = connect(core);
  await client.call('profile.set', REPORTER);
  const { id } = await client.call('article.create', { section: 'World' });
  client.session.close();
  return id;
}

const headlineIn = (core: Core, id: string) => articleParts(core.internals.articles.doc(id)).headline.toString();
const type = (article: OpenArticle, text: string) => {
  const headline = articleParts(article.doc).headline;
  headline.insert(headline.length, text);
};

describe('an open story when the pipe to core breaks', () => {
  it('sends what was typed while core was down to the restarted core once the story is reopened there', async () => {
    const dataDir = makeTempDir();
    let core = startCore(dataDir);
    const id = await newStory(core);
    const pipe = createPortBridge();
    pipe.usePort(corePort(core));
    const article = await OpenArticle.open(createClient(pipe.bridge), id, pipe.bridge.onConnection);
    type(article, 'Typed before ');
    await untilSaveState(article, 'saved');

    pipe.coreLost();
    await core.close();
    type(article, 'and while core was down');
    expect(article.saveState).toEqual({ kind: 'offline', waiting: 1 });

    core = startCore(dataDir);
    pipe.usePort(corePort(core));
    await untilSaveState(article, 'saved');
    expect(headlineIn(core, id)).toBe('Typed before and while core was down');
    expect(article.hasUnsavedChanges).toBe(false);
  });

  it('sends again an update core stored but whose answer was lost, and the story has it once', async () => {
    const core = startCore(makeTempDir());
    const id = await newStory(core);
    const pipe = createPortBridge();
    const updateCalls = new Set<number>();
    pipe.usePort(
      corePort(core, {
        onRequest: (message) => void (message.channel === 'article.update' && updateCalls.add(message.id)),
        // Core stored the update; the pipe breaks before its answer gets through.
        onReply: (message) => {
          const reply = message as { type: string; id: number };
          if (reply.type !== 'result' || !updateCalls.has(reply.id)) return;
          queueMicrotask(() => pipe.coreLost());
          return 'drop';
        },
      }),
    );
    const article = await OpenArticle.open(createClient(pipe.bridge), id, pipe.bridge.onConnection);
    type(article, 'Stored once');
    await untilSaveState(article, 'offline');
    expect(headlineIn(core, id)).toBe('Stored once');
    expect(article.hasUnsavedChanges).toBe(true);

    pipe.usePort(corePort(core));
    await untilSaveState(article, 'saved');
    expect(headlineIn(core, id)).toBe('Stored once');
    expect(articleParts(article.doc).headline.toString()).toBe('Stored once');
  });

  it('stays offline, not in error, when the pipe breaks again while the story is being reopened, and sends on the next connection', async () => {
    const core = startCore(makeTempDir());
    const id = await newStory(core);
    const pipe = createPortBridge();
    pipe.usePort(corePort(core));
    const article = await OpenArticle.open(createClient(pipe.bridge), id, pipe.bridge.onConnection);
    const kinds = saveStates(article);

    pipe.coreLost();
    type(article, 'Kept through two breaks');
    // The reopen reaches core, but the pipe breaks again before its answer comes back.
    pipe.usePort(
      corePort(core, {
        onReply: (message) => {
          if ((message as { type: string }).type !== 'result') return;
          queueMicrotask(() => pipe.coreLost());
          return 'drop';
        },
      }),
    );
    await new Promise<void>((resolve) => {
      const off = pipe.bridge.onConnection((state) => {
        if (state !== 'lost') return;
        off();
        resolve();
      });
    });
    pipe.usePort(corePort(core));
    await untilSaveState(article, 'saved');
    expect(headlineIn(core, id)).toBe('Kept through two breaks');
    expect(kinds).not.toContain('error');
  });
});
