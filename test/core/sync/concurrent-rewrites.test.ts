import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyTextChange, articleParts } from '../../../shared/article-doc';
import { articleDocName } from '../../../shared/documents/article-kind';
import { mediaDocName } from '../../../shared/documents/media-kind';
import { asOfflineRewrite, offlineRewrites, rivalOffer, rivalsOf, settleRival } from '../../../shared/field-rewrites';
import type { Core } from '../../../electron/core/core';
import { openStory } from '../../helpers/core';
import { fixturePath } from '../../helpers/fixtures';
import { importAndWait } from '../../helpers/media';
import { closeAfterEach, openSyncedClient, storyContent, waitSynced, waitUntil, type SyncedClient } from '../../helpers/sync';
import { startSyncServerProcess } from '../../helpers/sync-server-process';
import { startTcpProxy, type TcpProxy } from '../../helpers/tcp-proxy';

/**
 * ADR 0061 through real workstations and a real sync server: laptops that
 * rewrote the same short field offline end up with one whole version, the
 * others offered as rival versions; a word edited against a rewrite still
 * merges character by character, as before.
 */
const { clients, servers, proxies } = closeAfterEach();

const ORIGINAL = "Syria's new leader visits Moscow for talks with Putin";
const RICHARD = 'Syria seeks new start with Russia as Sharaa visits Kremlin';
const WESLEY = 'Al-Sharaa meets Putin in first Moscow visit';
const CAROL = 'Sharaa and Putin talk bases and debts';
const PEOPLE = ['Richard Connor', 'Wesley Rahn', 'Carol Ng'] as const;

interface Laptop {
  client: SyncedClient;
  net: TcpProxy;
}

/** Laptops of different people, each behind its own cuttable network, on one server. */
async function newsroom(count: number): Promise<Laptop[]> {
  const server = await startSyncServerProcess();
  servers.push(server);
  const laptops: Laptop[] = [];
  for (const name of PEOPLE.slice(0, count)) {
    const net = await startTcpProxy(() => server.port);
    proxies.push(net);
    const client = await openSyncedClient(net, await server.addUser(name, 'editor'), name);
    clients.push(client);
    laptops.push({ client, net });
  }
  return laptops;
}

/** A story with ORIGINAL as its headline, on every laptop and stored. */
async function sharedStory(laptops: Laptop[]): Promise<string> {
  const [first] = laptops;
  const { id } = await first!.client.client.call('article.create', {});
  await (await openStory(first!.client.client, id)).edit((doc) => articleParts(doc).headline.insert(0, ORIGINAL));
  await waitSynced(first!.client);
  for (const { client } of laptops) {
    await waitUntil(() => headlineOn(client.core, id) === ORIGINAL, `the story on ${client.name}`);
    await waitSynced(client);
  }
  return id;
}

function headlineOn(core: Core, id: string): string | null {
  try {
    return storyContent(core, id).fields.headline;
  } catch {
    return null;
  }
}

/** Reads a document as a laptop has it stored. */
function readDoc<T>(core: Core, docName: string, read: (doc: Y.Doc) => T): T {
  const doc = core.internals.docs.load(docName);
  if (!doc) throw new Error(`${docName} is not on this computer`);
  try {
    return read(doc);
  } finally {
    doc.destroy();
  }
}

const rivals = (core: Core, docName: string, field: string) =>
  readDoc(core, docName, (doc) => rivalsOf(doc, field).map(({ id, rival }) => ({ id, text: rival.text, by: rival.by, kept: rival.kept, keptBy: rival.keptBy })));

async function offline(...laptops: Laptop[]) {
  for (const { net } of laptops) net.cut();
  for (const { client } of laptops) await waitUntil(() => client.core.internals.sync.status().state === 'offline', `${client.name} offline`);
}

/** One laptop back on the network, until the server stored all it had. */
async function online(laptop: Laptop) {
  laptop.net.restore();
  await laptop.client.client.call('sync.retry', {});
  await waitSynced(laptop.client);
}

/** Edits the headline as the headline field does: the smallest change from the old text to the new. */
async function setHeadline(laptop: Laptop, id: string, text: string) {
  await (await openStory(laptop.client.client, id)).edit((doc) => applyTextChange(articleParts(doc).headline, text));
}

describe('concurrent offline rewrites of a short field', () => {
  it('noting offline edits keeps the laptop’s Yjs client id: a story typed into offline gains one writer, not one per edit', async () => {
    const [richard] = await newsroom(1);
    const id = await sharedStory([richard!]);
    const docName = articleDocName(id);
    const writersBefore = readDoc(richard!.client.core, docName, (doc) => Y.decodeStateVector(Y.encodeStateVector(doc)).size);
    await offline(richard!);
    const story = await openStory(richard!.client.client, id);
    const coreDoc = richard!.client.core.internals.live.get(docName);
    const clientId = coreDoc.clientID;
    // Each edit is noted (an offline rewrite of the headline) in the edit's own transaction, in core's name.
    for (const word of ['One', 'Two', 'Three', 'Four', 'Five']) await story.edit((doc) => applyTextChange(articleParts(doc).headline, `${word}: ${ORIGINAL}`));
    expect(offlineRewrites(coreDoc).size).toBeGreaterThan(0);
    // Yjs gives a document a new client id when a transaction it does not count as local writes in the
    // document's own name; each note then added a writer to the story for good.
    expect(coreDoc.clientID).toBe(clientId);
    await richard!.client.client.call('article.close', { id });
    const writersAfter = readDoc(richard!.client.core, docName, (doc) => Y.decodeStateVector(Y.encodeStateVector(doc)).size);
    // The session that typed, and core (the notes and the edit times): at most two new writers.
    expect(writersAfter - writersBefore).toBeLessThanOrEqual(2);
  });

  it('two laptops rewrite the headline offline: one whole version on both, the other offered to both people, the settled note tidied', async () => {
    const [richard, wesley] = await newsroom(2);
    const id = await sharedStory([richard!, wesley!]);
    await offline(richard!, wesley!);
    await setHeadline(richard!, id, RICHARD);
    await setHeadline(wesley!, id, WESLEY);
    await online(richard!);
    await online(wesley!);
    const doc = articleDocName(id);
    await waitUntil(() => rivals(richard!.client.core, doc, 'headline').length === 1, 'the rival version on Richard’s laptop');
    for (const laptop of [richard!, wesley!]) {
      expect(headlineOn(laptop.client.core, id)).toBe(RICHARD);
      expect(rivals(laptop.client.core, doc, 'headline')).toMatchObject([{ text: WESLEY, by: 'Wesley Rahn', kept: RICHARD, keptBy: 'Richard Connor' }]);
    }
    // Wesley, whose version lost, is offered it back ("Keep mine"); Richard is offered Wesley's ("Use this").
    const rival = readDoc(wesley!.client.core, doc, (d) => rivalsOf(d, 'headline')[0]!.rival);
    expect(rivalOffer('article', rival, 'Wesley Rahn')).toMatchObject({ name: 'Richard Connor', text: RICHARD, useWrites: null, keepWrites: WESLEY });
    expect(rivalOffer('article', rival, 'Richard Connor')).toMatchObject({ name: 'Wesley Rahn', text: WESLEY, useWrites: WESLEY, keepWrites: null });
    // Once stored, Wesley's laptop let its note go (its text is not shown); Richard's, whose text is, stays.
    await waitSynced(wesley!.client);
    await waitUntil(
      () => readDoc(richard!.client.core, doc, (d) => [...offlineRewrites(d).values()].map((v) => asOfflineRewrite(v)?.by)).join() === 'Richard Connor',
      'only Richard’s note left',
    );
  });

  it('"Use this" on one laptop and "Keep mine" on the other are ordinary edits that reach the other laptop and clear the notice', async () => {
    const [richard, wesley] = await newsroom(2);
    const id = await sharedStory([richard!, wesley!]);
    const doc = articleDocName(id);
    const rivalRound = async (first: Laptop, second: Laptop, texts: [string, string]) => {
      await offline(first, second);
      await setHeadline(first, id, texts[0]);
      await setHeadline(second, id, texts[1]);
      await online(first);
      await online(second);
      await waitUntil(() => rivals(first.client.core, doc, 'headline').length === 1, 'the rival version');
    };

    await rivalRound(richard!, wesley!, [RICHARD, WESLEY]);
    // Richard takes Wesley's version.
    const useThis = rivals(richard!.client.core, doc, 'headline')[0]!;
    await (await openStory(richard!.client.client, id)).edit((d) => settleRival(d, 'article', useThis.id, WESLEY));
    await waitSynced(richard!.client);
    await waitUntil(() => headlineOn(wesley!.client.core, id) === WESLEY && rivals(wesley!.client.core, doc, 'headline').length === 0, '“Use this” on Wesley’s laptop');

    await rivalRound(richard!, wesley!, [CAROL, RICHARD]);
    // This time Wesley's version lost; he keeps his.
    const keepMine = rivals(wesley!.client.core, doc, 'headline')[0]!;
    expect(keepMine).toMatchObject({ text: RICHARD, by: 'Wesley Rahn', kept: CAROL });
    const offer = rivalOffer('article', readDoc(wesley!.client.core, doc, (d) => rivalsOf(d, 'headline')[0]!.rival), 'Wesley Rahn');
    await (await openStory(wesley!.client.client, id)).edit((d) => settleRival(d, 'article', keepMine.id, offer.keepWrites));
    await waitSynced(wesley!.client);
    await waitUntil(() => headlineOn(richard!.client.core, id) === RICHARD && rivals(richard!.client.core, doc, 'headline').length === 0, '“Keep mine” on Richard’s laptop');
  });

  it('three laptops, in two orders: the first stored is kept whole everywhere, the two others are rivals', async () => {
    const texts = [RICHARD, WESLEY, CAROL];
    for (const order of [
      [0, 1, 2],
      [2, 0, 1],
    ]) {
      const laptops = await newsroom(3);
      const id = await sharedStory(laptops);
      await offline(...laptops);
      for (const [i, laptop] of laptops.entries()) await setHeadline(laptop, id, texts[i]!);
      for (const i of order) await online(laptops[i]!);
      const kept = texts[order[0]!]!;
      const others = texts.filter((text) => text !== kept).sort();
      const doc = articleDocName(id);
      for (const { client } of laptops) {
        await waitUntil(() => rivals(client.core, doc, 'headline').length === 2, `both rivals on ${client.name}`);
        expect(headlineOn(client.core, id)).toBe(kept);
        const found = rivals(client.core, doc, 'headline');
        expect(found.map((rival) => rival.text).sort()).toEqual(others);
        // Each names the author of the version kept, whichever came last.
        expect(found.map((rival) => rival.keptBy)).toEqual([PEOPLE[order[0]!], PEOPLE[order[0]!]]);
      }
      await Promise.all(clients.splice(0).map((client) => client.core.close()));
    }
  });

  it('a word edited on one laptop while the other rewrites: an ordinary merge, no notice', async () => {
    const [richard, wesley] = await newsroom(2);
    const id = await sharedStory([richard!, wesley!]);
    await offline(richard!, wesley!);
    await setHeadline(richard!, id, ORIGINAL.replace('new leader', 'president'));
    await setHeadline(wesley!, id, WESLEY);
    await online(wesley!);
    await online(richard!);
    await waitUntil(() => headlineOn(richard!.client.core, id) === headlineOn(wesley!.client.core, id), 'both headlines equal');
    // As Yjs merges them: Richard's deletion of "new leader" and Wesley's rewrite both apply, "president" survives.
    const merged = headlineOn(richard!.client.core, id)!;
    expect(merged).toContain('president');
    expect(merged).not.toBe(WESLEY);
    const doc = articleDocName(id);
    expect(rivals(richard!.client.core, doc, 'headline')).toEqual([]);
    expect(rivals(wesley!.client.core, doc, 'headline')).toEqual([]);
  });

  it('two laptops rewrite a photo’s caption offline: one whole caption on both, the other as its rival', async () => {
    const [richard, wesley] = await newsroom(2);
    const photo = fixturePath('images', 'IPTC-PhotometadataRef-Std2021.1.jpg');
    const sha = createHash('sha256').update(fs.readFileSync(photo)).digest('hex');
    const progress = await importAndWait(richard!.client.core, richard!.client.client, [photo]);
    expect(progress.imported).toBe(1);
    await richard!.client.client.call('media.update', { changes: [{ sha256: sha, fields: { caption: ORIGINAL } }] });
    await waitSynced(richard!.client);
    const caption = (laptop: Laptop) => laptop.client.core.internals.media.library.get([sha])[0]?.fields.caption ?? null;
    await waitUntil(() => caption(wesley!) === ORIGINAL, 'the photo on Wesley’s laptop');
    await waitSynced(wesley!.client);

    await offline(richard!, wesley!);
    await wesley!.client.client.call('media.update', { changes: [{ sha256: sha, fields: { caption: WESLEY } }] });
    await richard!.client.client.call('media.update', { changes: [{ sha256: sha, fields: { caption: RICHARD } }] });
    await online(wesley!);
    await online(richard!);
    const doc = mediaDocName(sha);
    await waitUntil(() => rivals(wesley!.client.core, doc, 'caption').length === 1, 'the rival caption on Wesley’s laptop');
    for (const laptop of [richard!, wesley!]) {
      await waitUntil(() => caption(laptop) === WESLEY, `the kept caption in ${laptop.client.name}’s photo row`);
      expect(rivals(laptop.client.core, doc, 'caption')).toMatchObject([{ text: RICHARD, by: 'Richard Connor', kept: WESLEY, keptBy: 'Wesley Rahn' }]);
    }

    // The photo desk reads them through core; Richard keeps his, and Wesley's laptop follows.
    const { rivals: offered } = await richard!.client.client.call('media.rivals', { sha256: sha });
    expect(offered).toMatchObject([{ field: 'caption', text: RICHARD, by: 'Richard Connor', kept: WESLEY }]);
    const offer = rivalOffer('media', offered[0]!, 'Richard Connor');
    expect(offer).toMatchObject({ name: 'Wesley Rahn', label: 'caption', keepWrites: RICHARD, mine: RICHARD });
    expect(await richard!.client.client.call('media.settleRival', { sha256: sha, id: offered[0]!.id, write: offer.keepWrites })).toEqual({ settled: true });
    // Settled once: the same again, or an id that never was, changes nothing and says so.
    expect(await richard!.client.client.call('media.settleRival', { sha256: sha, id: offered[0]!.id, write: 'Something else' })).toEqual({ settled: false });
    expect(await richard!.client.client.call('media.settleRival', { sha256: sha, id: 'no-such-rival', write: null })).toEqual({ settled: false });
    expect(caption(richard!)).toBe(RICHARD);
    await waitSynced(richard!.client);
    await waitUntil(() => caption(wesley!) === RICHARD && rivals(wesley!.client.core, doc, 'caption').length === 0, '“Keep mine” on Wesley’s laptop');
    expect((await wesley!.client.client.call('media.rivals', { sha256: sha })).rivals).toEqual([]);
    // Bad input is refused before it reaches core.
    const refused = await wesley!.client.client.session.invoke('media.settleRival', { sha256: 'not-a-photo', id: '', write: null } as never);
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    const unknown = await wesley!.client.client.session.invoke('media.rivals', { sha256: '0'.repeat(64) });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
