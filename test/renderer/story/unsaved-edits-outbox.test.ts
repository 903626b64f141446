import { MessageChannel } from 'node:worker_threads';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { articleParts } from '../../../shared/article-doc';
import { createClient, type LedeClient } from '../../../shared/contract';
import type { Core } from '../../../electron/core/core';
import { attachPort } from '../../../electron/core/host/port-transport';
import { createPortBridge, type PagePortLike } from '../../../electron/preload/port-bridge';
import { OpenArticle } from '../../../renderer/story/open-article';
import { replayUnsavedEdits } from '../../../renderer/story/replay-unsaved-edits';
import type { UnsavedEditsStore } from '../../../renderer/story/unsaved-edits-store';
import { connect, openTestCore, REPORTER } from '../../helpers/core';
import { makeTempDir } from '../../helpers/temp-dir';
import { asElectronPort } from '../../electron/helpers/ports';
import { untilSaveState } from './until-save-state';

/**
 * The outbox of ADR 0068, behind its interface: a story's edits wait in the
 * store until core acknowledged them, a later page delivers what an earlier
 * one left (tab closed, shell restarted), and nothing bad in the store
 * reaches core. The real IndexedDB store is driven in Chromium by
 * test/e2e/web-restart.spec.ts; here a Map plays the browser's database.
 */

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** One browser's database, shared by its tabs; each tab writes under its own name, as the real store does. */
function browserDatabase() {
  const entries = new Map<string, unknown>();
  const tab = (name: string): UnsavedEditsStore => {
    let written = 0;
    return {
      keep(storyId, update) {
        const key = `${name}:${++written}`;
        entries.set(key, { key, storyId, update, savedAt: Date.now() });
        return key;
      },
      forget: (keys) => keys.forEach((key) => entries.delete(key)),
      readAll: () => Promise.resolve([...entries.values()]),
      keepsInBrowser: () => true,
    };
  };
  return { entries, tab };
}

function startCore(dataDir: string): Core {
  const core = openTestCore({ dataDir, shell: 'web' });
  cleanups.push(() => core.close());
  return core;
}

/** A port to a real core session; `onReply` may swallow a reply (the pipe broke before it got through). */
function corePort(core: Core, onReply?: (message: unknown) => 'drop' | void): PagePortLike {
  const { port1, port2 } = new MessageChannel();
  attachPort(core, asElectronPort(port1));
  cleanups.push(() => port2.close());
  let deliver: (event: { data: unknown }) => void = () => undefined;
  port2.on('message', (data: unknown) => {
    if (onReply?.(data) !== 'drop') deliver({ data });
  });
  return {
    postMessage: (message) => port2.postMessage(message),
    addEventListener: (_type, listener) => void (deliver = listener),
    start: () => undefined,
    close: () => port2.close(),
  };
}

/** A page connected to core, and the handle to break its pipe. */
function page(core: Core) {
  const pipe = createPortBridge();
  pipe.usePort(corePort(core));
  return { pipe, client: createClient(pipe.bridge) as LedeClient };
}

async function newStory(core: Core, headline = ''): Promise<string> {
  const client = connect(core);
  await client.call('profile.set', REPORTER);
  const { id } = await client.call('article.create', { section: 'World' });
  client.session.close();
  if (headline) {
    const { pipe, client: writer } = page(core);
    const article = await OpenArticle.open(writer, id, pipe.bridge.onConnection);
    type(article, headline);
    await untilSaveState(article, 'saved');
    await article.close();
  }
  return id;
}

const headlineIn = (core: Core, id: string) => articleParts(core.internals.articles.doc(id)).headline.toString();
const type = (article: OpenArticle, text: string) => {
  const headline = articleParts(article.doc).headline;
  headline.insert(headline.length, text);
};
const storiesIn = (entries: Map<string, unknown>) => [...entries.values()].map((entry) => (entry as { storyId: string }).storyId);

describe('the outbox of an open story', () => {
  it('keeps each edit until core acknowledged it, then forgets it', async () => {
    const core = startCore(makeTempDir());
    const id = await newStory(core);
    const browser = browserDatabase();
    const { pipe, client } = page(core);
    const article = await OpenArticle.open(client, id, pipe.bridge.onConnection, browser.tab('a'));

    pipe.coreLost();
    type(article, 'Typed while core was away');
    await untilSaveState(article, 'offline');
    expect(storiesIn(browser.entries)).toEqual([id]);

    pipe.usePort(corePort(core));
    await untilSaveState(article, 'saved');
    expect(headlineIn(core, id)).toBe('Typed while core was away');
    expect(browser.entries.size).toBe(0);
  });

  it('keeps an edit whose acknowledgement was lost on the way, until it is sent again and acknowledged', async () => {
    const core = startCore(makeTempDir());
    const id = await newStory(core);
    const browser = browserDatabase();
    const pipe = createPortBridge();
    let opened = false;
    // The story opens; the answer to its first update never arrives (core stored it, the pipe broke).
    pipe.usePort(
      corePort(core, (message) => {
        if ((message as { type: string }).type !== 'result') return;
        if (!opened) return void (opened = true);
        queueMicrotask(() => pipe.coreLost());
        return 'drop';
      }),
    );
    const article = await OpenArticle.open(createClient(pipe.bridge), id, pipe.bridge.onConnection, browser.tab('a'));
    type(article, 'Answer lost');
    await untilSaveState(article, 'offline');
    expect(headlineIn(core, id)).toBe('Answer lost');
    expect([...browser.entries.keys()]).toEqual(['a:1']);

    pipe.usePort(corePort(core));
    await untilSaveState(article, 'saved');
    expect(browser.entries.size).toBe(0);
    expect(headlineIn(core, id)).toBe('Answer lost');
  });

  it('a tab forgets only its own edits: another tab’s waiting edits on the same story stay', async () => {
    const core = startCore(makeTempDir());
    const id = await newStory(core);
    const browser = browserDatabase();
    const first = page(core);
    const second = page(core);
    const inFirst = await OpenArticle.open(first.client, id, first.pipe.bridge.onConnection, browser.tab('first'));
    const inSecond = await OpenArticle.open(second.client, id, second.pipe.bridge.onConnection, browser.tab('second'));

    second.pipe.coreLost();
    type(inSecond, 'second ');
    await untilSaveState(inSecond, 'offline');
    type(inFirst, 'first ');
    await untilSaveState(inFirst, 'saved');
    // The first tab's edit is acknowledged and forgotten; the second's still waits.
    expect([...browser.entries.keys()]).toEqual(['second:1']);

    second.pipe.usePort(corePort(core));
    await untilSaveState(inSecond, 'saved');
    expect(browser.entries.size).toBe(0);
    expect(headlineIn(core, id)).toContain('second');
    expect(headlineIn(core, id)).toContain('first');
  });
});

describe('a new page delivers what an earlier tab left in the browser', () => {
  it('sends every story’s kept edits to core (after the tab was closed and core restarted), then forgets them', async () => {
    const dataDir = makeTempDir();
    let core = startCore(dataDir);
    const one = await newStory(core, 'One: ');
    const two = await newStory(core, 'Two: ');
    const browser = browserDatabase();
    const before = page(core);
    const closedTab = browser.tab('closed-tab');
    const first = await OpenArticle.open(before.client, one, before.pipe.bridge.onConnection, closedTab);
    const second = await OpenArticle.open(before.client, two, before.pipe.bridge.onConnection, closedTab);

    // The shell dies; the tab keeps typing, then is closed (nothing of it runs again).
    before.pipe.coreLost();
    await core.close();
    type(first, 'typed while down');
    type(second, 'also typed while down');
    await untilSaveState(first, 'offline');
    await untilSaveState(second, 'offline');

    core = startCore(dataDir);
    const after = page(core);
    const report = await replayUnsavedEdits(after.client, browser.tab('new-tab'));
    expect(report).toEqual({ delivered: 2, problems: [] });
    expect(headlineIn(core, one)).toBe('One: typed while down');
    expect(headlineIn(core, two)).toBe('Two: also typed while down');
    expect(browser.entries.size).toBe(0);

    // Delivered twice (the store read again, the old tab's copy sent too): still once in the story.
    const again = await replayUnsavedEdits(after.client, browser.tab('third-tab'));
    expect(again).toEqual({ delivered: 0, problems: [] });
    expect(headlineIn(core, one)).toBe('One: typed while down');
  });

  it('keeps, and says so, the edits of a story that is no longer in the library', async () => {
    const core = startCore(makeTempDir());
    const gone = await newStory(core, 'Soon gone');
    const kept = await newStory(core, 'Still here');
    const browser = browserDatabase();
    const tab = page(core);
    const oldTab = browser.tab('old');
    const inGone = await OpenArticle.open(tab.client, gone, tab.pipe.bridge.onConnection, oldTab);
    const inKept = await OpenArticle.open(tab.client, kept, tab.pipe.bridge.onConnection, oldTab);
    tab.pipe.coreLost();
    type(inGone, ' — edited');
    type(inKept, ' — edited');
    await untilSaveState(inGone, 'offline');
    await untilSaveState(inKept, 'offline');

    const desk = connect(core);
    await desk.call('article.trash', { id: gone });
    await desk.call('article.purge', { id: gone });

    const report = await replayUnsavedEdits(page(core).client, browser.tab('new'));
    expect(report.delivered).toBe(1);
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatch(/could not be saved: the story is no longer in the library\. They are kept in this browser\./);
    expect(headlineIn(core, kept)).toBe('Still here — edited');
    expect(storiesIn(browser.entries)).toEqual([gone]);
  });

  it('applies nothing it cannot read as a Yjs update: says so, forgets it, and still delivers the good ones', async () => {
    const core = startCore(makeTempDir());
    const id = await newStory(core, 'Intact');
    const browser = browserDatabase();
    const source = new Y.Doc();
    Y.applyUpdate(source, Y.encodeStateAsUpdate(core.internals.articles.doc(id)));
    const stateBefore = Y.encodeStateVector(source);
    articleParts(source).headline.insert(6, ' and well');
    const good = Y.encodeStateAsUpdate(source, stateBefore);
    browser.entries.set('x:1', { key: 'x:1', storyId: id, update: good, savedAt: Date.now() });
    browser.entries.set('x:2', { key: 'x:2', storyId: id, update: new TextEncoder().encode('not a Yjs update'), savedAt: Date.now() });
    browser.entries.set('x:3', { key: 'x:3', storyId: id, update: 'a string, not bytes', savedAt: Date.now() });
    browser.entries.set('x:4', { key: 'x:4', storyId: 42, update: good, savedAt: Date.now() });

    const report = await replayUnsavedEdits(page(core).client, browser.tab('new'));
    expect(report.delivered).toBe(1);
    expect(report.problems).toEqual(['3 unsaved changes kept in this browser could not be read (damaged) and were not applied.']);
    expect(headlineIn(core, id)).toBe('Intact and well');
    expect(browser.entries.size).toBe(0);
  });
});
