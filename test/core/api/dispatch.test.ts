import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bytesToBase64 } from '../../../shared/base64';
import { articleParts } from '../../../shared/article-doc';
import { channels, events as eventSchemas, isEventName, MAX_UPDATE_BASE64, type Channel } from '../../../shared/contract';
import { ERROR_CODES, type Result } from '../../../shared/errors';
import { API_FEATURES, combineFeatures } from '../../../electron/core/api/handlers';
import type { ApiContext, Handlers } from '../../../electron/core/api/handler-types';
import type { Core } from '../../../electron/core/core';
import { dataPaths } from '../../../electron/core/paths';
import { createServerLog } from '../../../server/log';
import { startSyncServer } from '../../../server/sync-server';
import { addUser } from '../../../server/users-cli';
import { connect, openTestCore, REPORTER, type TestClient } from '../../helpers/core';
import { snapshotDatabase } from '../../helpers/db-snapshot';
import { browse, startTestOidcProvider } from '../../helpers/oidc-provider';
import { waitUntil } from '../../helpers/sync';
import { makeTempDir } from '../../helpers/temp-dir';
import { fixturePath } from '../../helpers/fixtures';
import { waitFor } from '../../helpers/wait';

/** Checks the envelope every result must have, whatever went in. */
function expectEnvelope(result: Result<unknown>): void {
  if (result.ok) {
    expect(Object.keys(result).sort()).toEqual(['ok', 'value']);
    return;
  }
  expect(Object.keys(result).sort()).toEqual(['error', 'ok']);
  expect(Object.keys(result.error).sort()).toEqual(['code', 'message']);
  expect(ERROR_CODES).toContain(result.error.code);
  expect(typeof result.error.message).toBe('string');
  expect(result.error.message.length).toBeGreaterThan(10);
}

let core: Core;
let client: TestClient;
let storyId: string;
let update: string;
let database: string;

async function invoke(channel: unknown, payload: unknown): Promise<Result<unknown>> {
  const result = await client.session.invoke(channel, payload);
  expectEnvelope(result);
  return result;
}

beforeAll(async () => {
  core = openTestCore();
  client = connect(core);
  database = dataPaths(core.dataDir).database;
  await client.call('profile.set', REPORTER);
  storyId = (await client.call('article.create', { section: 'Politics' })).id;
  await client.call('article.open', { id: storyId });
  const doc = new Y.Doc();
  articleParts(doc).kicker.insert(0, 'unsent');
  update = bytesToBase64(Y.encodeStateAsUpdate(doc));
  core.internals.articles.flush();
});
afterAll(async () => {
  await core.close();
});

describe('unknown channels', () => {
  it.each(['article.delete', '', 'ARTICLE.OPEN', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 42, null, undefined, { channel: 'app.info' }])(
    'refuses %j with unknown_channel',
    async (channel) => {
      expect(await invoke(channel, {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    },
  );
});

const UUID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const long = (n: number) => 'x'.repeat(n);

// [channel, the field the message must name, payload]
const invalid: Array<[Channel, string, () => unknown]> = [
  ['profile.set', 'name', () => ({ name: long(201), role: 'reporter' })],
  ['profile.set', 'name', () => ({ name: '   ', role: 'reporter' })],
  ['profile.set', 'name', () => ({ name: 42, role: 'reporter' })],
  ['profile.set', 'role', () => ({ name: 'Ana Lima' })],
  ['profile.set', 'role', () => ({ name: 'Ana Lima', role: 'admin' })],
  ['profile.set', 'admin', () => ({ name: 'Ana Lima', role: 'editor', admin: true })],
  ['profile.set', 'payload', () => 'Ana Lima'],
  ['profile.set', 'payload', () => []],
  ['people.save', 'name', () => ({ name: long(201) })],
  ['people.save', 'bio', () => ({ name: 'Ana Lima', bio: long(4001) })],
  ['people.save', 'id', () => ({ name: 'Ana Lima', id: long(65) })],
  ['people.search', 'query', () => ({ query: long(201) })],
  ['people.search', 'limit', () => ({ query: 'Ana', limit: 0 })],
  ['people.search', 'limit', () => ({ query: 'Ana', limit: 51 })],
  ['people.search', 'query', () => ({})],
  ['library.list', 'query', () => ({ query: long(501) })],
  ['library.list', 'limit', () => ({ limit: -1 })],
  ['library.list', 'limit', () => ({ limit: 0 })],
  ['library.list', 'limit', () => ({ limit: 501 })],
  ['library.list', 'limit', () => ({ limit: 1e12 })],
  ['library.list', 'limit', () => ({ limit: 2.5 })],
  ['library.list', 'limit', () => ({ limit: Number.NaN })],
  ['library.list', 'offset', () => ({ offset: -1 })],
  ['library.list', 'offset', () => ({ offset: '0' })],
  ['library.list', 'sort', () => ({ sort: 'random' })],
  ['library.list', 'view', () => ({ view: 'everything' })],
  ['library.list', 'status', () => ({ status: 'live' })],
  ['library.list', 'section', () => ({ section: long(61) })],
  ['library.list', 'sql', () => ({ query: 'Moscow', sql: 'DROP TABLE articles' })],
  ['article.create', 'section', () => ({ section: 5 })],
  ['article.create', 'language', () => ({ language: long(36) })],
  ['article.create', 'headline', () => ({ headline: 'Typed twice' })],
  ['article.open', 'id', () => ({})],
  ['article.open', 'id', () => ({ id: 'not-a-uuid' })],
  ['article.open', 'id', () => ({ id: '../../lede.sqlite' })],
  ['article.open', 'id', () => ({ id: `article:${UUID}` })],
  ['article.open', 'id', () => ({ id: 42 })],
  ['article.update', 'update', () => ({ id: storyId, update: 'this is not base64!' })],
  ['article.update', 'update', () => ({ id: storyId, update: 'abc' })],
  ['article.update', 'update', () => ({ id: storyId, update: 'abcd=' })],
  ['article.update', 'update', () => ({ id: storyId, update: [1, 2, 3] })],
  ['article.update', 'update', () => ({ id: storyId })],
  ['article.update', 'id', () => ({ id: 'nope', update })],
  ['article.setStatus', 'to', () => ({ id: storyId, to: 'live' })],
  ['article.setStatus', 'to', () => ({ id: storyId })],
  ['article.trash', 'force', () => ({ id: storyId, force: true })],
  ['article.purge', 'id', () => ({ id: 'everything' })],
  ['config.set', 'limits.headline', () => ({ limits: { headline: { warn: 200, error: 100 } } })],
  ['config.set', 'limits.headline.warn', () => ({ limits: { headline: { warn: 0, error: 100 } } })],
  ['config.set', 'sections', () => ({ sections: [''] })],
  ['config.set', 'sections', () => ({ sections: Array.from({ length: 101 }, (_, i) => `S${i}`) })],
  ['config.set', 'languages', () => ({ languages: [] })],
  ['app.info', 'verbose', () => ({ verbose: true })],
];

describe('payloads that break the contract', () => {
  it.each(invalid)('%s with a bad %s (case %#) is invalid_payload naming it, and nothing is written', async (channel, field, payload) => {
    const before = snapshotDatabase(database);
    const eventsBefore = client.events.length;
    const result = await invoke(channel, payload());
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    if (!result.ok) {
      expect(result.error.message).toContain(channel);
      expect(result.error.message).toContain(field);
      expect(result.error.message.length).toBeLessThan(2000);
    }
    expect(client.events.length).toBe(eventsBefore);
    core.internals.articles.flush();
    expect(snapshotDatabase(database)).toEqual(before);
  });

  it('refuses an update over the size limit as invalid_payload (too large), with a result rather than a throw', async () => {
    const before = snapshotDatabase(database);
    const result = await client.session.invoke('article.update', { id: storyId, update: 'A'.repeat(MAX_UPDATE_BASE64 + 4) }).catch((error: unknown) => error);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_payload', message: expect.stringMatching(/update.*too large/) } });
    expect(snapshotDatabase(database)).toEqual(before);
  });

  it('accepts a valid update of several megabytes (within the contract\'s limit)', async () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(core.internals.articles.doc(storyId)));
    const before = Y.encodeStateVector(doc);
    articleParts(doc).teaser.insert(0, 'Long read. '.repeat(450_000));
    const big = bytesToBase64(Y.encodeStateAsUpdate(doc, before));
    expect(big.length).toBeGreaterThan(6_000_000);
    expect(big.length).toBeLessThan(MAX_UPDATE_BASE64);
    const result = await client.session.invoke('article.update', { id: storyId, update: big }).catch((error: unknown) => error);
    expect(result).toEqual({ ok: true, value: {} });
  });

  it('a well-formed language setting that is not a language tag is refused before it is stored', async () => {
    const before = snapshotDatabase(database);
    const result = await invoke('config.set', { defaultLanguage: 'not a tag' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_payload', message: expect.stringContaining('not a tag') } });
    expect(snapshotDatabase(database)).toEqual(before);
  });

  it('an unknown story id that is a valid UUID is not_found, not an internal error', async () => {
    for (const channel of ['article.open', 'article.trash', 'article.restore', 'article.purge'] as const) {
      expect(await invoke(channel, { id: UUID })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    }
    expect(await invoke('article.setStatus', { id: UUID, to: 'in_edit' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('the handler map', () => {
  // The features' factories only keep the context; no handler runs here.
  type Features = Record<string, Partial<Handlers>>;
  const built = (): Features => Object.fromEntries(Object.entries(API_FEATURES).map(([name, build]) => [name, build({} as ApiContext)]));
  // Typed as any features, so that the compile-time completeness check does not refuse the broken sets below.
  const combine = (features: Features) => combineFeatures(features);

  it('gives every channel of the contract to exactly one feature', () => {
    const owners = new Map<string, string[]>();
    for (const [feature, handlers] of Object.entries(built())) {
      for (const channel of Object.keys(handlers)) owners.set(channel, [...(owners.get(channel) ?? []), feature]);
    }
    expect([...owners.keys()].sort()).toEqual(Object.keys(channels).sort());
    for (const [channel, features] of owners) expect(features, `${channel} is claimed by ${features.join(' and ')}`).toHaveLength(1);
  });

  it('refuses, naming them, a channel two features claim, a channel the contract lacks, and a channel nobody handles', () => {
    const features = built();
    expect(() => combine(features)).not.toThrow();
    expect(() => combine({ ...features, duplicate: { 'app.info': () => ({ version: '1', shell: 'web' }) } })).toThrow(
      'app.info is handled by both the settings and the duplicate handlers.',
    );
    expect(() => combine({ ...features, stray: { 'article.delete': () => ({}) } as Partial<Handlers> })).toThrow(/stray handlers answer "article.delete"/);
    const { people: _people, ...withoutPeople } = features;
    expect(() => combine(withoutPeople)).toThrow('No handler for people.search, people.save.');
  });
});

describe('every channel', () => {
  it('answers a happy-path call with a value its result schema accepts, and emits only valid events', async () => {
    const server = await startSyncServer({ dataDir: makeTempDir(), host: '127.0.0.1', port: 0, log: createServerLog('error') });
    const [, , token] = await addUser(server.store, 'Richard Connor', 'editor');
    const idp = await startTestOidcProvider();
    const oidc = { issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret, match: 'sub', unknown: 'provision', defaultRole: 'editor', defaultDesk: null, publicUrl: null } as const;
    const ssoServer = await startSyncServer({ dataDir: makeTempDir(), host: '127.0.0.1', port: 0, log: createServerLog('error'), oidc });
    idp.configure({ redirectUris: [`${ssoServer.url}/api/sso/callback`], people: { rconnor: { name: 'Richard Connor' } } });
    const fresh = openTestCore();
    const session = connect(fresh);
    const seen = new Set<Channel>();
    const call = async (channel: Channel, payload: unknown) => {
      const result = await session.session.invoke(channel, payload);
      expectEnvelope(result);
      expect(result, `${channel}: ${JSON.stringify(result)}`).toMatchObject({ ok: true });
      if (!result.ok) return undefined;
      const parsed = channels[channel].result.safeParse(result.value);
      expect(parsed.success, `${channel} result ${JSON.stringify(result.value)}`).toBe(true);
      seen.add(channel);
      return result.value as Record<string, unknown>;
    };
    try {
      await call('app.info', {});
      await call('profile.get', {});
      await call('profile.set', { name: 'Richard Connor', role: 'editor' });
      await call('profile.get', {});
      await call('config.get', {});
      await call('config.set', { sections: ['Politics', 'World'], limits: { kicker: { warn: 20, error: 30 } }, defaultLanguage: 'pt-BR' });
      const { id } = (await call('article.create', { section: 'World' })) as { id: string };
      await call('article.open', { id });
      const doc = new Y.Doc();
      articleParts(doc).headline.insert(0, 'A headline');
      await call('article.update', { id, update: bytesToBase64(Y.encodeStateAsUpdate(doc)) });
      await call('article.check', { id, to: 'ready' });
      await call('article.setStatus', { id, to: 'in_edit' });
      const revisions = ((await call('article.revisions', { id })) as { items: Array<{ id: number }> }).items;
      await call('article.revisionDiff', { id, from: revisions[0]!.id, to: 'current' });
      await call('article.restoreRevision', { id, revisionId: revisions[0]!.id, parts: ['headline'] });
      await call('article.export', { id, format: 'ninjs' });
      await call('article.importFile', { name: 'note.txt', bytes: bytesToBase64(new TextEncoder().encode('A headline\n\nA paragraph.')) });
      await call('library.list', { query: 'headline' });
      await call('article.close', { id });
      await call('people.save', { name: 'Richard Connor', bio: 'Reporting on stories from around the world.' });
      await call('people.search', { query: 'rich' });
      await call('article.trash', { id });
      await call('article.restore', { id });
      await call('article.setDesk', { id, desk: 'Politics' });
      // Back to no desk before signing in: the account below is on none.
      await call('article.setDesk', { id, desk: null });
      await call('sync.status', {});
      // Single sign-on, against a server that trusts a real provider (then signing in elsewhere with a token).
      const returnUrl = 'http://127.0.0.1:9/sso/return';
      await call('sync.ssoAvailable', { serverUrl: ssoServer.url });
      const { authorizationUrl } = (await call('sync.ssoStart', { serverUrl: ssoServer.url, returnUrl })) as { authorizationUrl: string };
      const back = await browse(authorizationUrl, 'rconnor', returnUrl);
      await call('sync.ssoFinish', { code: back.searchParams.get('code') });
      await call('sync.signIn', { serverUrl: server.url, token: token! });
      await call('sync.setOptions', { catalogDays: 7 });
      await call('sync.retry', {});
      await call('sync.presence', { id });
      await call('article.auditTrail', { id });
      await call('article.publishing', { id });
      await call('articles.publishingFailed', {});
      await call('articles.publishingEmbargoed', {});
      await call('sync.flagged', {});
      await call('sync.removalPreview', {});
      await call('sync.dismissNotice', {});
      await call('sync.dismissRefusal', { docId: null });
      await call('sync.resolveFlag', { docId: `article:${id}`, choice: 'upload' });
      await call('article.trash', { id });
      await call('article.purge', { id });
      const importId = fresh.media.importPaths([fixturePath('images', 'metapm.jpg')]);
      await waitFor(() => session.events.some((e) => e.event === 'media.importProgress' && (e.payload as { importId: string; state: string }).importId === importId && (e.payload as { state: string }).state === 'finished'));
      const { items } = (await call('media.list', { query: 'mourinho' })) as { items: Array<{ sha256: string }> };
      const sha256 = items[0]!.sha256;
      await call('media.ids', { filter: 'missingAlt' });
      await call('media.get', { sha256s: [sha256] });
      await call('media.cull', { sha256s: [sha256], set: { rating: 3, label: 'green', tagged: true } });
      await call('media.update', { changes: [{ sha256, fields: { altText: 'José Mourinho at a press conference', credit: 'Photographer/Agency' } }] });
      const applied = (await call('media.applyTemplate', { changes: [{ sha256, fields: { city: 'Lisbon' } }], mode: 'replace' })) as { applicationId: string };
      await call('media.undoTemplate', { applicationId: applied.applicationId });
      await call('media.rivals', { sha256 });
      await call('media.settleRival', { sha256, id: 'no-rival-here', write: null });
      const upload = (await call('media.importBegin', { total: 2 })) as { importId: string };
      await call('media.importUnsent', { importId: upload.importId, name: 'cut.jpg', reason: 'The upload did not get through.' });
      await call('media.importCancel', { importId: upload.importId });
      await call('media.export', { sha256s: [sha256], folder: makeTempDir() });
      await call('photoDesk.get', {});
      await call('photoDesk.set', { codes: [{ code: 'afp', text: 'AFP/Getty Images' }], templateMode: 'replace' });
      await waitFor(() => session.events.some((e) => e.event === 'media.changed'));
      await call('sync.signOut', {});
      expect([...seen].sort()).toEqual(Object.keys(channels).sort());
      // Status events are throttled (150 ms): wait for the one sign-in and sign-out caused.
      await waitUntil(() => session.events.some((e) => e.event === 'sync.status'), 'a sync.status event');
      for (const { event, payload } of session.events) {
        expect(isEventName(event)).toBe(true);
        expect(eventSchemas[event].safeParse(payload).success, `${event} ${JSON.stringify(payload)}`).toBe(true);
      }
      expect(new Set(session.events.map((e) => e.event))).toEqual(
        new Set([
          'profile.changed',
          'config.changed',
          'library.changed',
          'people.changed',
          'article.updated',
          'article.revisionsChanged',
          'media.importProgress',
          'media.changed',
          'media.exportProgress',
          'photoDesk.changed',
          'sync.status',
        ]),
      );
    } finally {
      await fresh.close();
      await server.close();
      await ssoServer.close();
      await idp.close();
    }
  });
});
