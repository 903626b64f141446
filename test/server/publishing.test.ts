import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { articleParts } from '../../shared/article-doc';
import { embargoedStoriesSchema, storyTransmissionsSchema, failedTransmissionsSchema, type StoryTransmissions } from '../../shared/publishing/transmissions';
import { validateNinjs } from '../../shared/interchange/ninjs/validate-ninjs';
import { auditPageSchema, catalogPageSchema } from '../../shared/sync-protocol';
import { startFtpReceiver, startHttpReceiver, startSftpReceiver, type HttpReceiver } from '../helpers/publish-receivers';
import { rawProvider, type RawProvider } from '../helpers/raw-provider';
import { waitUntil } from '../helpers/sync';
import { serverDatabases, startSyncServerProcess, type SyncServerProcess } from '../helpers/sync-server-process';
import { makeTempDir } from '../helpers/temp-dir';

const backends = serverDatabases();
const SECRET = 'a-shared-secret-of-the-cms-0001';

const servers: SyncServerProcess[] = [];
const providers: RawProvider[] = [];
const receivers: Array<Pick<HttpReceiver, 'stop'>> = [];
afterEach(async () => {
  for (const provider of providers.splice(0)) provider.destroy();
  for (const receiver of receivers.splice(0)) await receiver.stop();
  for (const server of servers.splice(0)) await server.stop();
});

async function server(env: Record<string, string>, args: string[] = [], dataDir?: string): Promise<SyncServerProcess> {
  const started = await startSyncServerProcess({ env, args, dataDir });
  servers.push(started);
  return started;
}

async function receiver(...args: Parameters<typeof startHttpReceiver>): Promise<HttpReceiver> {
  const started = await startHttpReceiver(...args);
  receivers.push(started);
  return started;
}

async function get(server: SyncServerProcess, path: string, token: string) {
  const response = await fetch(server.url + path, { headers: { Authorization: `Bearer ${token}` } });
  return { status: response.status, json: (await response.json()) as unknown };
}

async function catalogVersion(server: SyncServerProcess, token: string, name: string): Promise<number> {
  const page = catalogPageSchema.parse((await get(server, '/api/catalog?since=0&limit=1000', token)).json);
  return page.items.find((item) => item.id === name)?.version ?? 0;
}

/** Writes into the server's copy of a story as the token's account and waits until it is stored. */
async function writeAs(server: SyncServerProcess, token: string, name: string, change: (doc: Y.Doc) => void): Promise<void> {
  const before = await catalogVersion(server, token, name);
  const provider = rawProvider(server.url, token, name);
  providers.push(provider);
  await waitUntil(() => provider.events.synced > 0, 'the story synced');
  provider.doc.transact(() => change(provider.doc));
  await waitUntil(async () => (await catalogVersion(server, token, name)) > before, 'the change stored');
  provider.destroy();
}

async function newsroom(server: SyncServerProcess) {
  await server.cli(['desk', 'add', 'Politics']);
  await server.cli(['desk', 'add', 'Sport']);
  return { editor: await server.addUser('Wesley Rahn', 'editor', ['Politics', 'Sport']), reporter: await server.addUser('Anna Berg', 'reporter', ['Sport']) };
}

/** A story on the Politics desk, ready, then published by the editor; its document name. */
async function publishStory(server: SyncServerProcess, editor: string, headline = 'Moscow talks resume'): Promise<string> {
  const name = `article:${randomUUID()}`;
  await writeAs(server, editor, name, (doc) => {
    const parts = articleParts(doc);
    parts.headline.insert(0, headline);
    parts.teaser.insert(0, 'Talks resume after a month.');
    parts.meta.set('desk', 'Politics');
    parts.meta.set('slug', headline.toLowerCase().replace(/\s+/g, '-'));
    parts.meta.set('language', 'en');
    parts.meta.set('status', 'ready');
  });
  await writeAs(server, editor, name, (doc) => articleParts(doc).meta.set('status', 'published'));
  return name;
}

async function transmissions(server: SyncServerProcess, token: string, name: string): Promise<StoryTransmissions> {
  const answer = await get(server, `/api/publishing?document=${encodeURIComponent(name)}`, token);
  expect(answer.status).toBe(200);
  return storyTransmissionsSchema.parse(answer.json);
}

async function waitForState(server: SyncServerProcess, token: string, name: string, state: string, timeoutMs = 15_000): Promise<StoryTransmissions> {
  let last: StoryTransmissions | null = null;
  await waitUntil(
    async () => {
      last = await transmissions(server, token, name);
      return last.transmissions.length > 0 && last.transmissions.every((row) => row.state === state);
    },
    `every transmission ${state}`,
    timeoutMs,
    () => JSON.stringify(last),
  );
  return last!;
}

describe('output add, list and remove', () => {
  it('checks every option, keeps secrets out of the listing and the database, and removes', async () => {
    const s = await server({});
    await s.cli(['desk', 'add', 'Politics']);
    const refused = async (args: string[]) => {
      const error = await s.cli(['output', ...args]).then(
        () => null,
        (failure: Error) => failure.message,
      );
      expect(error, args.join(' ')).not.toBeNull();
      return error!;
    };
    expect(await refused(['add', 'web', '--type', 'smtp'])).toContain('"smtp" is not an output type: use http, sftp, ftp, folder');
    expect(await refused(['add', 'web', '--type', 'http', '--url', 'https://cms.example.org/in'])).toContain('needs --secret');
    expect(await refused(['add', 'web', '--type', 'http', '--url', 'not a url', '--secret', SECRET])).toContain('is not a web address');
    expect(await refused(['add', 'web', '--type', 'http', '--url', 'ftp://cms.example.org/', '--secret', SECRET])).toContain('must be an http:// or https:// address');
    expect(await refused(['add', 'web', '--type', 'http', '--url', 'https://cms.example.org/in', '--secret', 'short'])).toContain('at least 16 characters');
    expect(await refused(['add', 'web', '--type', 'http', '--url', 'https://cms.example.org/in', '--secret', SECRET, '--desk', 'Nowhere'])).toContain('There is no desk called "Nowhere"');
    expect(await refused(['add', 'web', '--type', 'folder', '--url', 'https://cms.example.org/in'])).toContain('--url does not apply to a folder output');
    expect(await refused(['add', 'bad name', '--type', 'folder', '--path', '/tmp/x'])).toContain('is not an output name');
    expect(await refused(['add', 'photos', '--type', 'sftp', '--host', '127.0.0.1', '--user', 'u', '--password', 'p', '--path', '/in', '--host-key', 'abc'])).toContain('is not a SHA256 fingerprint');
    expect(await refused(['add', 'photos', '--type', 'sftp', '--host', '127.0.0.1', '--user', 'u', '--path', '/in', '--host-key', `SHA256:${'A'.repeat(43)}`])).toContain('one of --password PASSWORD or --key FILE');
    expect(await refused(['add', 'print', '--type', 'ftp', '--host', '127.0.0.1', '--user', 'u', '--password', 'p', '--path', '/in', '--tls', 'maybe'])).toContain('--tls must be require or optional');
    expect(await refused(['remove', 'web'])).toContain('There is no output called "web"');

    const folder = makeTempDir('lede-print-');
    expect((await s.cli(['output', 'add', 'web', '--type', 'http', '--url', 'https://cms.example.org/in', '--secret', SECRET, '--desk', 'Politics']))[0]).toContain(
      'Added the http output "web": stories of "Politics" are transmitted to https://cms.example.org/in',
    );
    await s.cli(['output', 'add', 'print', '--type', 'folder', '--path', folder]);
    await s.cli(['output', 'add', 'photos', '--type', 'sftp', '--host', '127.0.0.1', '--port', '2222', '--user', 'desk', '--password', 'sftp-password-1', '--path', '/in', '--host-key', `SHA256:${'A'.repeat(43)}`]);
    await s.cli(['output', 'add', 'wire', '--type', 'ftp', '--host', '127.0.0.1', '--user', 'wire', '--password', 'ftp-password-1', '--path', '/in', '--tls', 'optional', '--embargoed-copy']);
    expect(await refused(['add', 'web', '--type', 'folder', '--path', folder])).toContain('There is already an output called "web"');

    const listing = (await s.cli(['output', 'list'])).join('\n');
    expect(listing).toMatch(/^NAME\s+TYPE\s+DESKS\s+EMBARGOED COPY\s+WHERE/);
    expect(listing).toMatch(/web\s+http\s+Politics\s+no\s+https:\/\/cms\.example\.org\/in/);
    expect(listing).toMatch(/wire\s+ftp\s+all\s+yes\s+ftp:\/\/wire@127\.0\.0\.1:21\/in \(TLS optional\)/);
    for (const secret of [SECRET, 'sftp-password-1', 'ftp-password-1']) {
      expect(listing).not.toContain(secret);
      // Not in the database file (nor its WAL) either: in a 600 file of its own.
      for (const file of fs.readdirSync(s.dataDir).filter((entry) => entry.startsWith('lede-server.sqlite'))) {
        expect(fs.readFileSync(path.join(s.dataDir, file)).includes(secret), file).toBe(false);
      }
    }
    const secretFile = path.join(s.dataDir, 'secrets', 'outputs', 'web.secret');
    expect(fs.readFileSync(secretFile, 'utf8')).toBe(SECRET);
    expect(fs.statSync(secretFile).mode & 0o777).toBe(0o600);

    expect((await s.cli(['output', 'remove', 'web']))[0]).toContain('Removed the output "web"');
    expect(fs.existsSync(secretFile)).toBe(false);
    expect((await s.cli(['output', 'list'])).join('\n')).not.toMatch(/^web\s/m);
  });
});

describe.each(backends)('publishing to an http output on $name', (backend) => {
  it.skipIf(!backend.available)('a stored move to Published is POSTed once, signed, as valid ninjs; 500 then 200 is sent once under one delivery id', async () => {
    const s = await server(await backend.env());
    const { editor } = await newsroom(s);
    const cms = await receiver(SECRET, (n) => (n === 1 ? { status: 500, body: 'busy' } : { status: 200 }));
    await s.cli(['output', 'add', 'website', '--type', 'http', '--url', cms.url, '--secret', SECRET, '--desk', 'Politics']);
    // An output of another desk takes nothing from Politics.
    const other = await receiver(SECRET);
    await s.cli(['output', 'add', 'sport-site', '--type', 'http', '--url', other.url, '--secret', SECRET, '--desk', 'Sport']);

    const name = await publishStory(s, editor);
    const done = await waitForState(s, editor, name, 'sent');
    expect(done.transmissions).toHaveLength(1);
    const [row] = done.transmissions;
    expect(row).toMatchObject({ output: 'website', type: 'http', version: 1, state: 'sent', attempts: 2, lastError: null, answer: null });
    expect(row!.sentAt).not.toBeNull();

    expect(cms.received).toHaveLength(2);
    expect(new Set(cms.received.map((entry) => entry.deliveryId))).toEqual(new Set([row!.deliveryId]));
    expect(cms.accepted()).toEqual([row!.deliveryId]);
    for (const entry of cms.received) {
      expect(entry.signatureValid).toBe(true);
      expect(entry.schemaErrors).toEqual([]);
      expect(entry.contentType).toBe('application/json');
      expect(entry.body).toMatchObject({ uri: `urn:uuid:${name.slice('article:'.length)}`, version: '1', pubstatus: 'usable', slugline: 'moscow-talks-resume' });
    }
    expect(other.received).toHaveLength(0);
    // Nothing failed: the library has nothing to mark.
    expect(failedTransmissionsSchema.parse((await get(s, '/api/publishing/failed', editor)).json).documents).toEqual([]);
  });

  it.skipIf(!backend.available)('a 400 is refused with the receiver’s answer, not tried again, and the library is told', async () => {
    const s = await server(await backend.env());
    const { editor, reporter } = await newsroom(s);
    const answer = `{"error":"section missing"}${'x'.repeat(3000)}`;
    const cms = await receiver(SECRET, () => ({ status: 400, body: answer }));
    await s.cli(['output', 'add', 'website', '--type', 'http', '--url', cms.url, '--secret', SECRET]);
    const name = await publishStory(s, editor);
    const done = await waitForState(s, editor, name, 'refused');
    expect(done.transmissions[0]).toMatchObject({ state: 'refused', attempts: 1, lastError: 'The receiver refused it (400 Bad Request).' });
    expect(done.transmissions[0]!.answer!.status).toBe(400);
    expect(done.transmissions[0]!.answer!.body).toBe(answer.slice(0, 1024));
    expect(failedTransmissionsSchema.parse((await get(s, '/api/publishing/failed', editor)).json).documents).toEqual([name]);
    // A reporter not on Politics sees neither the story's transmissions nor its marker.
    expect((await get(s, `/api/publishing?document=${encodeURIComponent(name)}`, reporter)).status).toBe(403);
    expect(failedTransmissionsSchema.parse((await get(s, '/api/publishing/failed', reporter)).json).documents).toEqual([]);
    // Given time, nothing more is sent: the queue has nothing due.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(cms.received).toHaveLength(1);
  });

  it.skipIf(!backend.available)('a receiver that is down is retried, then sent when it is back', async () => {
    const s = await server(await backend.env());
    const { editor } = await newsroom(s);
    const cms = await receiver(SECRET);
    await cms.stop();
    await s.cli(['output', 'add', 'website', '--type', 'http', '--url', cms.url, '--secret', SECRET]);
    const name = await publishStory(s, editor);
    const retrying = await waitForState(s, editor, name, 'retrying');
    expect(retrying.transmissions[0]!.lastError).toMatch(/ECONNREFUSED|fetch failed/);
    expect(retrying.transmissions[0]!.nextAttemptAt).not.toBeNull();
    expect(failedTransmissionsSchema.parse((await get(s, '/api/publishing/failed', editor)).json).documents).toEqual([name]);
    await cms.start();
    const done = await waitForState(s, editor, name, 'sent', 20_000);
    expect(done.transmissions[0]!.attempts).toBeGreaterThanOrEqual(2);
    expect(cms.accepted()).toEqual([done.transmissions[0]!.deliveryId]);
  });

  it.skipIf(!backend.available)('a receiver that closes the connection mid-request is tried again, under the same delivery id', async () => {
    const s = await server(await backend.env());
    const { editor } = await newsroom(s);
    const cms = await receiver(SECRET, (n) => (n === 1 ? 'cut' : { status: 200 }));
    await s.cli(['output', 'add', 'website', '--type', 'http', '--url', cms.url, '--secret', SECRET]);
    const name = await publishStory(s, editor);
    const done = await waitForState(s, editor, name, 'sent');
    expect(done.transmissions[0]!.attempts).toBe(2);
    expect(cms.received.map((entry) => entry.deliveryId)).toEqual([done.transmissions[0]!.deliveryId, done.transmissions[0]!.deliveryId]);
    expect(cms.accepted()).toHaveLength(1);
  });

  it.skipIf(!backend.available)('a slow receiver times out and is tried again', async () => {
    const s = await server(await backend.env(), ['--transmit-timeout-s', '1']);
    const { editor } = await newsroom(s);
    const cms = await receiver(SECRET, (n) => (n === 1 ? { status: 200, delayMs: 3000 } : { status: 200 }));
    await s.cli(['output', 'add', 'website', '--type', 'http', '--url', cms.url, '--secret', SECRET]);
    const name = await publishStory(s, editor);
    const retrying = await waitForState(s, editor, name, 'retrying');
    expect(retrying.transmissions[0]!.lastError).toBe('The receiver did not answer in time.');
    const done = await waitForState(s, editor, name, 'sent');
    expect(new Set(cms.received.map((entry) => entry.deliveryId))).toEqual(new Set([done.transmissions[0]!.deliveryId]));
  });

  it.skipIf(!backend.available)('a server killed mid-transmission resumes after a restart with the same delivery id', async () => {
    const s = await server(await backend.env(), ['--transmit-timeout-s', '1']);
    const { editor } = await newsroom(s);
    const cms = await receiver(SECRET, (n) => (n === 1 ? 'hold' : { status: 200 }));
    await s.cli(['output', 'add', 'website', '--type', 'http', '--url', cms.url, '--secret', SECRET]);
    const name = await publishStory(s, editor);
    await waitUntil(() => cms.received.length === 1, 'the first request arrived');
    await s.kill();
    cms.release(200);
    await s.restart();
    const done = await waitForState(s, editor, name, 'sent', 20_000);
    expect(cms.received.length).toBeGreaterThanOrEqual(2);
    // The receiver never sees a second id for the same version: it de-duplicates on this one.
    expect(new Set(cms.received.map((entry) => entry.deliveryId))).toEqual(new Set([done.transmissions[0]!.deliveryId]));
    expect(done.transmissions).toHaveLength(1);
  });

  it.skipIf(!backend.available)('two laptops that published the same story offline make one transmission', async () => {
    const s = await server(await backend.env());
    const { editor } = await newsroom(s);
    const cms = await receiver(SECRET);
    await s.cli(['output', 'add', 'website', '--type', 'http', '--url', cms.url, '--secret', SECRET]);
    const name = `article:${randomUUID()}`;
    await writeAs(s, editor, name, (doc) => {
      const parts = articleParts(doc);
      parts.headline.insert(0, 'Budget passes');
      parts.meta.set('desk', 'Politics');
      parts.meta.set('status', 'ready');
    });
    // Both laptops hold the story, then go offline and publish it.
    const first = rawProvider(s.url, editor, name);
    providers.push(first);
    await waitUntil(() => first.events.synced > 0, 'the story synced');
    const state = Y.encodeStateAsUpdate(first.doc);
    first.destroy();
    const laptops = [new Y.Doc(), new Y.Doc()];
    for (const doc of laptops) {
      Y.applyUpdate(doc, state);
      articleParts(doc).meta.set('status', 'published');
    }
    const before = await catalogVersion(s, editor, name);
    for (const doc of laptops) providers.push(rawProvider(s.url, editor, name, doc));
    await waitUntil(async () => (await catalogVersion(s, editor, name)) > before, 'the offline changes stored');
    const done = await waitForState(s, editor, name, 'sent');
    expect(done.transmissions).toHaveLength(1);
    expect(done.transmissions[0]!.version).toBe(1);
    // Given time for a second one to show up, none does.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(cms.received).toHaveLength(1);
  });

  it.skipIf(!backend.available)('publishing again sends the next version; spiking a published story sends canceled to the outputs that received it; each outcome is in the audit trail', async () => {
    const s = await server(await backend.env());
    const { editor } = await newsroom(s);
    const site = await receiver(SECRET);
    const strict = await receiver(SECRET, () => ({ status: 400, body: 'no' }));
    await s.cli(['output', 'add', 'website', '--type', 'http', '--url', site.url, '--secret', SECRET]);
    await s.cli(['output', 'add', 'strict', '--type', 'http', '--url', strict.url, '--secret', SECRET]);
    const name = await publishStory(s, editor);
    await waitUntil(async () => (await transmissions(s, editor, name)).transmissions.every((row) => row.state === 'sent' || row.state === 'refused'), 'version 1 answered');

    // Back to Draft, a change, published again: version 2, usable.
    await writeAs(s, editor, name, (doc) => articleParts(doc).meta.set('status', 'draft'));
    await writeAs(s, editor, name, (doc) => {
      articleParts(doc).teaser.insert(0, 'Updated: ');
      articleParts(doc).meta.set('correction', 'An earlier version gave the wrong date for the talks.');
    });
    for (const to of ['in_edit', 'ready', 'published']) await writeAs(s, editor, name, (doc) => articleParts(doc).meta.set('status', to));
    await waitUntil(() => site.accepted().length === 2, 'version 2 sent');
    expect(site.received.map((entry) => [entry.body.version, entry.body.pubstatus])).toEqual([
      ['1', 'usable'],
      ['2', 'usable'],
    ]);
    expect(site.received[1]!.body.descriptions).toEqual([
      { role: 'teaser', contenttype: 'text/plain', value: 'Updated: Talks resume after a month.' },
      { role: 'correction', contenttype: 'text/plain', value: 'An earlier version gave the wrong date for the talks.' },
    ]);
    expect(site.received[1]!.schemaErrors).toEqual([]);
    expect(site.received[0]!.body.descriptions).toEqual([{ role: 'teaser', contenttype: 'text/plain', value: 'Talks resume after a month.' }]);
    expect(new Set(site.accepted()).size).toBe(2);

    // Spiked: a kill to the site (it received the story), none to the output that refused every version.
    await writeAs(s, editor, name, (doc) => articleParts(doc).meta.set('status', 'spiked'));
    await waitUntil(() => site.accepted().length === 3, 'the kill sent');
    expect(site.received[2]!.body).toMatchObject({ version: '3', pubstatus: 'canceled' });
    expect(site.received[2]!.schemaErrors).toEqual([]);
    const after = await transmissions(s, editor, name);
    expect(after.latestVersion).toBe(3);
    expect(after.latestKind).toBe('kill');
    expect(after.transmissions.filter((row) => row.version === 3).map((row) => row.output)).toEqual(['website']);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(strict.received.map((entry) => entry.body.version)).toEqual(['1', '2']);

    const trail = auditPageSchema.parse((await get(s, `/api/audit?document=${encodeURIComponent(name)}`, editor)).json).entries;
    const transmitted = trail.filter((entry) => entry.kind === 'transmit').map((entry) => `${entry.account}: ${entry.to} to ${entry.from}`);
    expect(transmitted.sort()).toEqual(
      ['Lede server: refused v1 to strict', 'Lede server: refused v2 to strict', 'Lede server: sent v1 to website', 'Lede server: sent v2 to website', 'Lede server: sent v3 to website'].sort(),
    );
  });

  it.skipIf(!backend.available)('an embargo holds the story from outputs until its time, by the server’s clock; embargoed copy goes at once; an embargo in the past holds nothing', async () => {
    const s = await server(await backend.env());
    const { editor } = await newsroom(s);
    const site = await receiver(SECRET);
    const wire = await receiver(SECRET);
    await s.cli(['output', 'add', 'website', '--type', 'http', '--url', site.url, '--secret', SECRET]);
    await s.cli(['output', 'add', 'wire', '--type', 'http', '--url', wire.url, '--secret', SECRET, '--embargoed-copy']);
    const embargoMs = Date.now() + 4000;
    const name = `article:${randomUUID()}`;
    await writeAs(s, editor, name, (doc) => {
      const parts = articleParts(doc);
      parts.headline.insert(0, 'Budget figures');
      parts.meta.set('desk', 'Politics');
      parts.meta.set('embargoedUntil', new Date(embargoMs).toISOString().replace('Z', '+00:00'));
      parts.meta.set('status', 'ready');
    });
    await writeAs(s, editor, name, (doc) => articleParts(doc).meta.set('status', 'published'));
    await waitUntil(() => wire.accepted().length === 1, 'the wire got embargoed copy');
    expect(wire.received[0]!.body.embargoed).toBe(new Date(embargoMs).toISOString());
    expect(wire.received[0]!.schemaErrors).toEqual([]);
    const held = (await transmissions(s, editor, name)).transmissions.find((row) => row.output === 'website')!;
    expect(held).toMatchObject({ state: 'waiting', attempts: 0, heldUntil: new Date(embargoMs).toISOString() });
    expect(site.received).toHaveLength(0);
    expect(embargoedStoriesSchema.parse((await get(s, '/api/publishing/embargoed', editor)).json).stories).toEqual([{ document: name, until: new Date(embargoMs).toISOString() }]);
    await waitUntil(() => site.accepted().length === 1, 'the site got it when the embargo ended', 15_000);
    expect(embargoedStoriesSchema.parse((await get(s, '/api/publishing/embargoed', editor)).json).stories).toEqual([]);
    expect(Date.now()).toBeGreaterThanOrEqual(embargoMs);
    expect(site.received[0]!.body.embargoed).toBe(new Date(embargoMs).toISOString());

    // An embargo already past: sent at once, not marked embargoed.
    const late = `article:${randomUUID()}`;
    await writeAs(s, editor, late, (doc) => {
      const parts = articleParts(doc);
      parts.headline.insert(0, 'Old embargo');
      parts.meta.set('desk', 'Politics');
      parts.meta.set('embargoedUntil', '2020-01-01T09:00:00+01:00');
      parts.meta.set('status', 'ready');
    });
    await writeAs(s, editor, late, (doc) => articleParts(doc).meta.set('status', 'published'));
    await waitForState(s, editor, late, 'sent');
    expect(site.received.at(-1)!.body.embargoed).toBeUndefined();
  });

  it.skipIf(!backend.available)('a folder output gets the file complete under its final name, never a partial one', async () => {
    const s = await server(await backend.env());
    const { editor } = await newsroom(s);
    const folder = makeTempDir('lede-print-');
    await s.cli(['output', 'add', 'print', '--type', 'folder', '--path', folder]);
    const name = await publishStory(s, editor, 'Storm warning');
    const final = path.join(folder, 'storm-warning-v1.json');
    // Watched as a print system would: whenever the final name is there, it is whole.
    const seen: string[] = [];
    await waitUntil(
      () => {
        if (!fs.existsSync(final)) return false;
        const text = fs.readFileSync(final, 'utf8');
        seen.push(text);
        return true;
      },
      'the file appeared',
      15_000,
    );
    const parsed = JSON.parse(seen[0]!) as Record<string, unknown>;
    expect(validateNinjs(parsed).errors).toEqual([]);
    expect(parsed).toMatchObject({ version: '1', pubstatus: 'usable' });
    await waitForState(s, editor, name, 'sent');
    expect(fs.readdirSync(folder)).toEqual(['storm-warning-v1.json']);
  });

  it.skipIf(!backend.available)('a story that fails the ninjs schema is never sent, and the editor is told why', async () => {
    const s = await server(await backend.env());
    const { editor } = await newsroom(s);
    const cms = await receiver(SECRET);
    await s.cli(['output', 'add', 'website', '--type', 'http', '--url', cms.url, '--secret', SECRET]);
    const name = `article:${randomUUID()}`;
    await writeAs(s, editor, name, (doc) => {
      const parts = articleParts(doc);
      parts.headline.insert(0, 'A date that is not one');
      parts.meta.set('desk', 'Politics');
      parts.meta.set('createdAt', 'yesterday morning');
      parts.meta.set('status', 'ready');
    });
    await writeAs(s, editor, name, (doc) => articleParts(doc).meta.set('status', 'published'));
    let answer: StoryTransmissions | null = null;
    await waitUntil(async () => (answer = await transmissions(s, editor, name)).problem !== null, 'the problem is recorded');
    expect(answer!.problem).toMatch(/^The story does not make valid ninjs 2\.2, so it was not sent: \/firstcreated: must match format "date-time"/);
    expect(answer!.transmissions).toEqual([]);
    expect(failedTransmissionsSchema.parse((await get(s, '/api/publishing/failed', editor)).json).documents).toEqual([name]);
    expect(cms.received).toHaveLength(0);
  });
});

describe('two server processes on one PostgreSQL', () => {
  const postgres = backends.find((backend) => backend.name === 'PostgreSQL')!;
  it.skipIf(!postgres.available)('send each version once between them', async () => {
    const env = await postgres.env();
    const dataDir = makeTempDir('lede-server-');
    const a = await server(env, [], dataDir);
    const { editor } = await newsroom(a);
    const cms = await receiver(SECRET, () => ({ status: 200, delayMs: 50 }));
    await a.cli(['output', 'add', 'website', '--type', 'http', '--url', cms.url, '--secret', SECRET]);
    // The second process shares the database (and, here, the data folder with the output's secret).
    const b = await server(env, [], dataDir);
    const names: string[] = [];
    for (let i = 0; i < 6; i++) names.push(await publishStory(i % 2 ? b : a, editor, `Story ${i}`));
    for (const name of names) await waitForState(a, editor, name, 'sent');
    expect(cms.received).toHaveLength(6);
    expect(new Set(cms.received.map((entry) => entry.deliveryId)).size).toBe(6);
  });
});

describe('file outputs over SFTP and FTP', () => {
  it('SFTP: written under a temporary name and renamed; a host key that is not the configured one is refused, never trusted', async () => {
    const s = await server({});
    const { editor } = await newsroom(s);
    const root = makeTempDir('lede-sftp-');
    fs.mkdirSync(path.join(root, 'incoming'));
    const sftp = await startSftpReceiver(root, { user: 'desk', password: 'sftp-password-1' });
    receivers.push(sftp);
    const common = ['--type', 'sftp', '--host', '127.0.0.1', '--port', String(sftp.port), '--user', 'desk', '--password', 'sftp-password-1', '--path', '/incoming'];
    await s.cli(['output', 'add', 'photos', ...common, '--host-key', sftp.fingerprint]);
    const name = await publishStory(s, editor, 'Harbour fire');
    await waitForState(s, editor, name, 'sent');
    const written = JSON.parse(fs.readFileSync(path.join(root, 'incoming', 'harbour-fire-v1.json'), 'utf8')) as Record<string, unknown>;
    expect(validateNinjs(written).errors).toEqual([]);
    expect(written).toMatchObject({ version: '1', pubstatus: 'usable' });
    expect(fs.readdirSync(path.join(root, 'incoming'))).toEqual(['harbour-fire-v1.json']);
    const [open, rename] = sftp.log;
    expect(open).toMatch(/^open \/incoming\/\.tmp-[0-9a-f-]{36}-harbour-fire-v1\.json$/);
    expect(rename).toBe(`rename ${open!.slice('open '.length)} -> /incoming/harbour-fire-v1.json`);

    // The same server, but the output was set up with another key (the server was replaced, or someone is in between).
    await s.cli(['output', 'remove', 'photos']);
    const wrongKey = `SHA256:${'Q'.repeat(43)}`;
    await s.cli(['output', 'add', 'photos-old-key', ...common, '--host-key', wrongKey]);
    const second = await publishStory(s, editor, 'Harbour fire, day two');
    const refused = await waitForState(s, editor, second, 'refused');
    expect(refused.transmissions[0]!.lastError).toBe(
      `The SFTP server's host key is ${sftp.fingerprint}, not the configured ${wrongKey}: not sent. If the server's key really changed, remove the output and add it again with the new --host-key.`,
    );
    expect(sftp.log).toHaveLength(2);
    expect(fs.readdirSync(path.join(root, 'incoming'))).toEqual(['harbour-fire-v1.json']);
  });

  it('FTP: uploaded under a temporary name and renamed (plain FTP where the server offers no TLS and the output allows it); --tls require refuses', async () => {
    const s = await server({});
    const { editor } = await newsroom(s);
    const root = makeTempDir('lede-ftp-');
    const ftp = await startFtpReceiver(root, { user: 'wire', password: 'ftp-password-1' });
    receivers.push(ftp);
    const common = ['--type', 'ftp', '--host', '127.0.0.1', '--port', String(ftp.port), '--user', 'wire', '--password', 'ftp-password-1', '--path', '/outgoing'];
    await s.cli(['output', 'add', 'print', ...common, '--tls', 'optional']);
    const name = await publishStory(s, editor, 'Rail strike');
    await waitForState(s, editor, name, 'sent');
    const written = JSON.parse(fs.readFileSync(path.join(root, 'outgoing', 'rail-strike-v1.json'), 'utf8')) as Record<string, unknown>;
    expect(validateNinjs(written).errors).toEqual([]);
    expect(fs.readdirSync(path.join(root, 'outgoing'))).toEqual(['rail-strike-v1.json']);
    expect(ftp.log[0]).toMatch(/^stor \.tmp-[0-9a-f-]{36}-rail-strike-v1\.json$/);
    expect(ftp.log.at(-1)).toBe('rename -> rail-strike-v1.json');

    await s.cli(['output', 'remove', 'print']);
    await s.cli(['output', 'add', 'print-tls', ...common]);
    const second = await publishStory(s, editor, 'Rail strike ends');
    const refused = await waitForState(s, editor, second, 'refused');
    expect(refused.transmissions[0]!.lastError).toBe('The FTP server does not offer TLS, and this output requires it (--tls require).');
    expect(fs.readdirSync(path.join(root, 'outgoing'))).toEqual(['rail-strike-v1.json']);
  });
});
