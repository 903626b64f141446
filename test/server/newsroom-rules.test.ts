import { randomBytes, randomUUID } from 'node:crypto';
import { HocuspocusProvider } from '@hocuspocus/provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { articleParts, seedArticle } from '../../shared/article-doc';
import { REFUSAL_REASONS, REFUSED_CHANGE_REASON } from '../../shared/sync-protocol';
import { rawProvider, type RawProvider } from '../helpers/raw-provider';
import { waitUntil } from '../helpers/sync';
import { freshDatabase } from '../helpers/postgres';
import { serviceUrl, startSyncServerProcess, type SyncServerProcess } from '../helpers/sync-server-process';

/**
 * The newsroom's rules on the server, black-box: accounts with roles and
 * desks (made through the CLI), plain Hocuspocus clients sending the Yjs
 * updates a hostile or outdated laptop could send, and the HTTP catalog.
 */
let server: SyncServerProcess;
const tokens: Record<string, string> = {};
const open: RawProvider[] = [];

function connectAs(person: string, name: string, doc = new Y.Doc()): RawProvider {
  const provider = rawProvider(server.url, tokens[person]!, name, doc);
  open.push(provider);
  return provider;
}

const storedVersion = (provider: RawProvider) =>
  Math.max(-1, ...provider.events.stateless.map((payload) => JSON.parse(payload) as { type: string; version?: number }).filter((m) => m.type === 'stored').map((m) => m.version!));

async function waitStoredAbove(provider: RawProvider, version: number, what: string): Promise<void> {
  await waitUntil(() => storedVersion(provider) > version, what);
}

function refusals(provider: RawProvider): Array<{ message: string; restore: Record<string, string | null> }> {
  return provider.events.stateless
    .map((payload) => JSON.parse(payload) as { type: string; message: string; restore: Record<string, string | null> })
    .filter((m) => m.type === 'refused')
    .map(({ message, restore }) => ({ message, restore }));
}

/** Sends a Yjs update on a provider's connection as it is, without applying it to the provider's document first. */
function sendRaw(provider: RawProvider, update: Uint8Array): void {
  (provider.provider as unknown as { documentUpdateHandler(update: Uint8Array, origin: unknown): void }).documentUpdateHandler(update, null);
}

/** A story on `desk` at `status`, written and stored by Ed (the Politics desk editor) or another author. */
async function storyAt(status: string, desk: string | null = 'Politics', author = 'ed'): Promise<{ name: string; ed: RawProvider }> {
  const name = `article:${randomUUID()}`;
  const ed = connectAs(author, name);
  await waitUntil(() => ed.events.synced > 0, 'the editor to attach');
  ed.doc.transact(() => {
    seedArticle(ed.doc, { createdAt: '2026-12-02T10:00:00+00:00', language: 'en', headline: 'Minister resigns', desk });
    articleParts(ed.doc).meta.set('status', status);
  });
  await waitStoredAbove(ed, 0, 'the story to be stored').catch((error) => {
    throw new Error(`${(error as Error).message}\n${server.output().slice(-3000)}`);
  });
  return { name, ed };
}

async function catalogOf(person: string): Promise<Array<{ id: string; headline: string }>> {
  const response = await fetch(`${server.url}/api/catalog?since=0&limit=1000`, { headers: { Authorization: `Bearer ${tokens[person]}` } });
  return ((await response.json()) as { items: Array<{ id: string; headline: string }> }).items;
}

beforeAll(async () => {
  server = await startSyncServerProcess();
  await server.cli(['desk', 'add', 'Politics']);
  await server.cli(['desk', 'add', 'Sport']);
  tokens.ed = await server.addUser('Ed Desk', 'editor', ['Politics']);
  tokens.rita = await server.addUser('Rita Reporter', 'reporter', ['Politics']);
  tokens.sam = await server.addUser('Sam Sport', 'reporter', ['Sport']);
  tokens.pia = await server.addUser('Pia Photo', 'photo-editor', ['Politics']);
  tokens.ada = await server.addUser('Ada Admin', 'admin');
}, 60_000);

afterAll(async () => {
  for (const provider of open) provider.destroy();
  await server.stop();
});

describe('the workflow on the server', () => {
  it('a reporter’s forged publish is refused, never relayed, and the author is told what the server holds', async () => {
    const { name, ed } = await storyAt('ready');
    const rita = connectAs('rita', name);
    await waitUntil(() => rita.events.synced > 0 && articleParts(rita.doc).meta.get('status') === 'ready', 'the reporter to have the story');
    rita.doc.transact(() => {
      articleParts(rita.doc).meta.set('status', 'published');
      articleParts(rita.doc).meta.set('publishedAt', '2026-12-02T11:00:00+00:00');
    });
    await waitUntil(() => rita.events.closeReasons.includes(REFUSED_CHANGE_REASON), 'the refusal');
    expect(refusals(rita)).toEqual([
      {
        message: 'Your move to Published was refused by the newsroom: only a desk editor can publish a story; this one stays Ready.',
        restore: { status: 'ready', publishedAt: null },
      },
    ]);
    // The editor's next change is stored and relayed; the reporter's never was.
    const before = storedVersion(ed);
    articleParts(ed.doc).headline.insert(0, 'Update: ');
    await waitStoredAbove(ed, before, 'the editor’s change to be stored');
    expect(articleParts(ed.doc).meta.get('status')).toBe('ready');
    const fresh = connectAs('ada', name);
    await waitUntil(() => fresh.events.synced > 0 && articleParts(fresh.doc).headline.toString().startsWith('Update:'), 'a fresh copy');
    expect(articleParts(fresh.doc).meta.get('status')).toBe('ready');
    expect(articleParts(fresh.doc).meta.get('publishedAt') ?? null).toBeNull();
  });

  it('the refused change and the written-back values together are accepted, with what else the reporter typed', async () => {
    const { name, ed } = await storyAt('ready');
    const rita = connectAs('rita', name);
    await waitUntil(() => rita.events.synced > 0 && articleParts(rita.doc).meta.get('status') === 'ready', 'the reporter to have the story');
    // Offline, as a laptop would: a move the server refuses, then more words.
    const offline = new Y.Doc();
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(rita.doc));
    articleParts(offline).meta.set('status', 'published');
    articleParts(offline).teaser.insert(0, 'The minister stepped down on Tuesday.');
    rita.destroy();
    const first = connectAs('rita', name, offline);
    await waitUntil(() => first.events.closeReasons.includes(REFUSED_CHANGE_REASON), 'the refusal');
    expect(articleParts(ed.doc).teaser.toString()).toBe('');
    first.destroy();
    // The laptop writes back what the server holds, and syncs again.
    for (const [key, value] of Object.entries(refusals(first)[0]!.restore)) articleParts(offline).meta.set(key, value);
    const again = connectAs('rita', name, offline);
    await waitUntil(() => articleParts(ed.doc).teaser.toString() === 'The minister stepped down on Tuesday.', 'the teaser to reach the editor');
    expect(articleParts(ed.doc).meta.get('status')).toBe('ready');
    expect(again.events.closeReasons).not.toContain(REFUSED_CHANGE_REASON);
  });

  it('the desk editor publishes; the reporter sees it', async () => {
    const { name, ed } = await storyAt('ready');
    const rita = connectAs('rita', name);
    await waitUntil(() => rita.events.synced > 0 && articleParts(rita.doc).meta.get('status') === 'ready', 'the reporter to have the story');
    articleParts(ed.doc).meta.set('status', 'published');
    await waitUntil(() => articleParts(rita.doc).meta.get('status') === 'published', 'the move to reach the reporter');
    expect(ed.events.closeReasons).toEqual([]);
  });

  it.each([
    ['trash a published story', 'published', (doc: Y.Doc) => articleParts(doc).meta.set('trashedAt', '2026-12-02T12:00:00+00:00'), /Only a desk editor can move a story to the trash once it is Published/],
    ['spike a story', 'in_edit', (doc: Y.Doc) => articleParts(doc).meta.set('status', 'spiked'), /only a desk editor can spike/],
    ['change the creation date', 'draft', (doc: Y.Doc) => articleParts(doc).meta.set('createdAt', '2020-01-01T00:00:00+00:00'), /creation date never changes/],
    ['move the story to another desk', 'draft', (doc: Y.Doc) => articleParts(doc).meta.set('desk', 'Sport'), /Only a desk editor of Politics/],
    ['take the story off its desk', 'draft', (doc: Y.Doc) => articleParts(doc).meta.delete('desk'), /Only an administrator can take a story off its desk/],
    ['remove the status', 'draft', (doc: Y.Doc) => articleParts(doc).meta.delete('status'), /always has a status/],
  ])('a reporter may not %s', async (_what, status, change, message) => {
    const { name } = await storyAt(status);
    const rita = connectAs('rita', name);
    await waitUntil(() => rita.events.synced > 0 && articleParts(rita.doc).meta.get('status') === status, 'the reporter to have the story');
    change(rita.doc);
    await waitUntil(() => rita.events.closeReasons.includes(REFUSED_CHANGE_REASON), 'the refusal');
    expect(refusals(rita)[0]!.message).toMatch(message);
  });

  it('a reporter moves a story as far as Ready, and may trash a draft', async () => {
    const { name, ed } = await storyAt('draft');
    const rita = connectAs('rita', name);
    await waitUntil(() => rita.events.synced > 0, 'the reporter to have the story');
    articleParts(rita.doc).meta.set('status', 'in_edit');
    await waitUntil(() => articleParts(ed.doc).meta.get('status') === 'in_edit', 'in edit to reach the editor');
    articleParts(rita.doc).meta.set('status', 'ready');
    await waitUntil(() => articleParts(ed.doc).meta.get('status') === 'ready', 'ready to reach the editor');
    const { name: draft, ed: edDraft } = await storyAt('draft');
    const rita2 = connectAs('rita', draft);
    await waitUntil(() => rita2.events.synced > 0, 'the reporter to have the draft');
    articleParts(rita2.doc).meta.set('trashedAt', '2026-12-02T12:00:00+00:00');
    await waitUntil(() => articleParts(edDraft.doc).meta.get('trashedAt') !== undefined && articleParts(edDraft.doc).meta.get('trashedAt') !== null, 'the trash to reach the editor');
    expect([...rita.events.closeReasons, ...rita2.events.closeReasons]).toEqual([]);
  });

  it('a new story starts as a draft on one of the writer’s desks', async () => {
    const name = `article:${randomUUID()}`;
    const rita = connectAs('rita', name);
    await waitUntil(() => rita.events.synced > 0, 'the reporter to attach');
    rita.doc.transact(() => {
      seedArticle(rita.doc, { createdAt: '2026-12-02T10:00:00+00:00', language: 'en', desk: 'Politics' });
      articleParts(rita.doc).meta.set('status', 'published');
    });
    await waitUntil(() => rita.events.closeReasons.includes(REFUSED_CHANGE_REASON), 'the refusal');
    expect(refusals(rita)[0]).toEqual({ message: 'A new story starts as a draft; only a desk editor can file one as Published.', restore: { status: 'draft' } });
    const other = `article:${randomUUID()}`;
    const sam = connectAs('sam', other);
    await waitUntil(() => sam.events.synced > 0, 'the sport reporter to attach');
    seedArticle(sam.doc, { createdAt: '2026-12-02T10:00:00+00:00', language: 'en', desk: 'Politics' });
    await waitUntil(() => sam.events.closeReasons.includes(REFUSED_CHANGE_REASON), 'the refusal');
    expect(refusals(sam)[0]!.message).toBe('This story belongs to the Politics desk, which you are not on.');
  });

  it('an update that builds on changes the server does not have is refused, not kept to apply later', async () => {
    const { name, ed } = await storyAt('ready');
    // A status change whose origin is an entry from a client the server never saw.
    const ghost = new Y.Doc();
    Y.applyUpdate(ghost, Y.encodeStateAsUpdate(ed.doc));
    articleParts(ghost).meta.set('kicker', 'x');
    const missing = Y.encodeStateAsUpdate(ghost, Y.encodeStateVector(ed.doc));
    articleParts(ghost).meta.set('status', 'published');
    const dependent = Y.encodeStateAsUpdate(ghost, Y.encodeStateVectorFromUpdate(Y.mergeUpdates([Y.encodeStateAsUpdate(ed.doc), missing])));
    const rita = connectAs('rita', name);
    await waitUntil(() => rita.events.synced > 0, 'the reporter to attach');
    sendRaw(rita, dependent);
    await waitUntil(() => rita.events.closeReasons.includes(REFUSED_CHANGE_REASON), 'the refusal');
    expect(refusals(rita)[0]!.message).toMatch(/depends on changes the server does not have/);
    expect(articleParts(ed.doc).meta.get('status')).toBe('ready');
  });
});

describe('desks on the server', () => {
  it('another desk’s story is neither in the catalog nor openable; a lookup knows it but says nothing of it', async () => {
    const { name } = await storyAt('draft');
    const sam = connectAs('sam', name);
    await waitUntil(() => sam.events.failed.length > 0, 'the refusal');
    expect(sam.events.failed).toEqual([REFUSAL_REASONS.notYourDesk]);
    expect(articleParts(sam.doc).headline.toString()).toBe('');
    expect((await catalogOf('sam')).map((item) => item.id)).not.toContain(name);
    expect((await catalogOf('rita')).map((item) => item.id)).toContain(name);
    expect((await catalogOf('ada')).map((item) => item.id)).toContain(name);
    const lookup = await fetch(`${server.url}/api/catalog/lookup`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${tokens.sam}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ ids: [name] }),
    });
    expect(((await lookup.json()) as { items: unknown[] }).items).toEqual([expect.objectContaining({ id: name, headline: '', status: '', deleted: false })]);
  });

  it('a story the desk editor moves to another desk leaves the old desk’s reporters and reaches the new one’s', async () => {
    const { name, ed } = await storyAt('draft');
    const rita = connectAs('rita', name);
    await waitUntil(() => rita.events.synced > 0 && articleParts(rita.doc).headline.toString() !== '', 'the reporter to have the story');
    articleParts(ed.doc).meta.set('desk', 'Sport');
    await waitUntil(() => rita.events.closeReasons.includes(REFUSAL_REASONS.notYourDesk), 'the reporter’s connection to close');
    // Ed edits Politics: the story has left his desks too.
    await waitUntil(() => ed.events.closeReasons.includes(REFUSAL_REASONS.notYourDesk), 'the editor’s connection to close');
    const sam = connectAs('sam', name);
    await waitUntil(() => sam.events.synced > 0 && articleParts(sam.doc).headline.toString() === 'Minister resigns', 'the sport reporter to get it');
    expect((await catalogOf('rita')).map((item) => item.id)).not.toContain(name);
    expect((await catalogOf('sam')).map((item) => item.id)).toContain(name);
  });

  it('a reporter gives a story no desk claimed one of their desks, not someone else’s', async () => {
    const { name } = await storyAt('draft', null);
    const sam = connectAs('sam', name);
    await waitUntil(() => sam.events.synced > 0, 'the sport reporter to have the unclaimed story');
    articleParts(sam.doc).meta.set('desk', 'Politics');
    await waitUntil(() => sam.events.closeReasons.includes(REFUSED_CHANGE_REASON), 'the refusal');
    expect(refusals(sam)[0]).toEqual({ message: 'You can only give a story one of your own desks, not Politics.', restore: { desk: null } });
    const sam2 = connectAs('sam', name);
    await waitUntil(() => sam2.events.synced > 0, 'the sport reporter again');
    articleParts(sam2.doc).meta.set('desk', 'Sport');
    await waitStoredAbove(sam2, 1, 'the claim to be stored');
    expect(sam2.events.closeReasons).toEqual([]);
  });
});

describe('role and desk changes reach connections already open', () => {
  it('taken off a desk: its stories let go; made a reporter: the next publish is refused', async () => {
    tokens.finn = await server.addUser('Finn Flex', 'editor', ['Politics', 'Sport']);
    const sport = await storyAt('draft', 'Sport', 'ada');
    const sport2 = await storyAt('draft', 'Sport', 'ada');
    const politics = await storyAt('ready', 'Politics');
    const onSport = connectAs('finn', sport.name);
    const onPolitics = connectAs('finn', politics.name);
    // A second Sport story on the same socket, as a laptop attaches all its documents: the socket shares one account.
    const onSport2Closed: string[] = [];
    const onSport2 = new HocuspocusProvider({ websocketProvider: onSport.socket, name: sport2.name, document: new Y.Doc(), token: tokens.finn! });
    let onSport2Synced = false;
    onSport2.on('synced', () => (onSport2Synced = true));
    onSport2.on('close', ({ event }: { event?: { reason?: string } }) => onSport2Closed.push(event?.reason ?? ''));
    onSport2.attach();
    await waitUntil(() => onSport.events.synced > 0 && onSport2Synced && onPolitics.events.synced > 0, 'Finn to have the three stories');
    await server.cli(['user', 'set-role', 'Finn Flex', '--role', 'reporter']);
    await server.cli(['desk', 'member', 'remove', 'Sport', 'Finn Flex']);
    // The sweep that lets the Sport story go has read both changes.
    await waitUntil(
      () => onSport.events.closeReasons.includes(REFUSAL_REASONS.notYourDesk) && onSport2Closed.includes(REFUSAL_REASONS.notYourDesk),
      'both Sport stories to be let go',
    );
    onSport2.destroy();
    articleParts(onPolitics.doc).meta.set('status', 'published');
    await waitUntil(() => onPolitics.events.closeReasons.includes(REFUSED_CHANGE_REASON), 'the publish to be refused');
    expect(refusals(onPolitics)[0]!.message).toMatch(/only a desk editor can publish/);
    expect(articleParts(politics.ed.doc).meta.get('status')).toBe('ready');
  });
});

describe('photos and presence', () => {
  it('a reporter brings in a new photo but cannot change one on the server; a photo editor can', async () => {
    const name = `media:${'ab'.repeat(32)}`;
    const rita = connectAs('rita', name);
    await waitUntil(() => rita.events.synced > 0, 'the reporter to attach a new photo');
    rita.doc.getText('caption').insert(0, 'Protesters outside parliament');
    await waitStoredAbove(rita, 0, 'the new photo to be stored');
    rita.destroy();
    const pia = connectAs('pia', name);
    await waitUntil(() => pia.events.synced > 0 && pia.doc.getText('caption').toString() !== '', 'the photo editor to have it');
    const again = connectAs('rita', name);
    await waitUntil(() => again.events.synced > 0, 'the reporter to attach it again');
    again.doc.getText('caption').insert(0, 'FAKE ');
    pia.doc.getText('credit').insert(0, 'Reuters');
    await waitUntil(() => again.doc.getText('credit').toString() === 'Reuters', 'the photo editor’s credit to reach the reporter');
    expect(pia.doc.getText('caption').toString()).toBe('Protesters outside parliament');
  });

  it('presence under a name that is not the account’s is refused', async () => {
    const { name } = await storyAt('draft');
    const rita = connectAs('rita', name);
    await waitUntil(() => rita.events.synced > 0, 'the reporter to attach');
    rita.provider.awareness!.setLocalState({ user: { name: 'Ed Desk', color: '#000' } });
    await waitUntil(() => rita.events.closeReasons.includes('refused-message'), 'the refusal');
    const honest = connectAs('rita', name);
    await waitUntil(() => honest.events.synced > 0, 'the reporter again');
    honest.provider.awareness!.setLocalState({ user: { name: 'Rita Reporter', color: '#000' } });
    const ed = connectAs('ed', name);
    await waitUntil(
      () => [...ed.provider.awareness!.getStates().values()].some((state) => (state as { user?: { name: string } }).user?.name === 'Rita Reporter'),
      'the reporter’s presence to reach the editor',
      15_000,
      () => JSON.stringify([...ed.provider.awareness!.getStates().entries()]) + JSON.stringify(honest.events) + server.output().slice(-1500),
    );
    expect(honest.events.closeReasons).toEqual([]);
  });
});

const pgBase = serviceUrl('LEDE_TEST_DATABASE_URL');
const redisUrl = serviceUrl('LEDE_TEST_REDIS_URL');

describe.skipIf(!pgBase || !redisUrl)('the rules across two server processes (PostgreSQL + Redis)', () => {
  it('a refusal on one process is a refusal on both; an allowed move made on one reaches the other', async () => {
    const env = { DATABASE_URL: await freshDatabase(pgBase!), REDIS_URL: redisUrl!, REDIS_PREFIX: `lede-test-${randomBytes(4).toString('hex')}` };
    const one = await startSyncServerProcess({ env });
    const two = await startSyncServerProcess({ env });
    const connections: RawProvider[] = [];
    try {
      await one.cli(['desk', 'add', 'Politics']);
      const ed = await one.addUser('Ed Desk', 'editor', ['Politics']);
      const rita = await one.addUser('Rita Reporter', 'reporter', ['Politics']);
      const name = `article:${randomUUID()}`;
      const onOne = rawProvider(one.url, ed, name);
      connections.push(onOne);
      await waitUntil(() => onOne.events.synced > 0, 'the editor to attach on one');
      onOne.doc.transact(() => {
        seedArticle(onOne.doc, { createdAt: '2026-12-02T10:00:00+00:00', language: 'en', headline: 'Minister resigns', desk: 'Politics' });
        articleParts(onOne.doc).meta.set('status', 'ready');
      });
      await waitStoredAbove(onOne, 0, 'the story to be stored');
      const onTwo = rawProvider(two.url, rita, name);
      connections.push(onTwo);
      await waitUntil(() => onTwo.events.synced > 0 && articleParts(onTwo.doc).meta.get('status') === 'ready', 'the reporter to have it on two');
      articleParts(onTwo.doc).meta.set('status', 'published');
      await waitUntil(() => onTwo.events.closeReasons.includes(REFUSED_CHANGE_REASON), 'the refusal on two');
      // The editor's next move on one reaches a reader on two; the refused one never did.
      const readerOnTwo = rawProvider(two.url, ed, name);
      connections.push(readerOnTwo);
      await waitUntil(() => readerOnTwo.events.synced > 0, 'a second copy on two');
      articleParts(onOne.doc).meta.set('status', 'published');
      await waitUntil(() => articleParts(readerOnTwo.doc).meta.get('status') === 'published', 'the desk editor’s publish to reach two');
      expect(refusals(onTwo)[0]!.message).toMatch(/only a desk editor can publish/);
    } finally {
      for (const connection of connections) connection.destroy();
      await one.stop();
      await two.stop();
    }
  });
});
