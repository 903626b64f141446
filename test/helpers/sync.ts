import { afterEach } from 'vitest';
import { articleDocName } from '../../shared/documents/article-kind';
import * as Y from 'yjs';
import { articleParts, bodyPlainText, readArticleFields } from '../../shared/article-doc';
import type { Core, CoreOptions } from '../../electron/core/core';
import { connect, openStory, openTestCore, type TestClient } from './core';
import { startSyncServerProcess, type SyncServerProcess } from './sync-server-process';
import type { TcpProxy } from './tcp-proxy';

/** Polls until `predicate` holds; fails with `what` and the last detail after `timeoutMs`. */
export async function waitUntil(predicate: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000, detail?: () => string): Promise<void> {
  const started = Date.now();
  for (;;) {
    if (await predicate()) return;
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${detail ? `: ${detail()}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export interface SyncedClient {
  core: Core;
  client: TestClient;
  name: string;
}

/** A workstation core on its own data folder, with a profile, signed in to the server. */
export async function openSyncedClient(server: { url: string }, token: string, name: string, overrides: Partial<CoreOptions> = {}): Promise<SyncedClient> {
  const core = openTestCore(overrides);
  const client = connect(core);
  await client.call('profile.set', { name, role: 'editor' });
  await client.call('sync.signIn', { serverUrl: server.url, token });
  return { core, client, name };
}

/** Waits until the client says "Synced": the server stored every change made there. */
export async function waitSynced(client: SyncedClient, timeoutMs = 20_000): Promise<void> {
  await waitUntil(
    () => client.core.internals.sync.isSettled(),
    `${client.name} to be synced`,
    timeoutMs,
    () => JSON.stringify(client.core.internals.sync.status()),
  );
}

/** The story as this client has it, in comparable form. */
export function storyContent(core: Core, id: string): { fields: ReturnType<typeof readArticleFields>; body: unknown; text: string } {
  const doc = core.internals.docs.load(articleDocName(id));
  if (!doc) throw new Error(`story ${id} is not on this computer`);
  try {
    return { fields: readArticleFields(doc), body: articleParts(doc).body.toJSON(), text: bodyPlainText(articleParts(doc).body) };
  } finally {
    doc.destroy();
  }
}

export function hasStory(core: Core, id: string): boolean {
  return core.internals.docs.info(articleDocName(id)) !== undefined;
}

/** Appends a paragraph with `text` to the story's body, as an editor would. */
export async function addParagraph(client: TestClient, id: string, text: string): Promise<void> {
  const story = await openStory(client, id);
  await story.edit((doc) => {
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText(text)]);
    articleParts(doc).body.push([paragraph]);
  });
  await client.call('article.close', { id });
}

export async function closeAll(clients: SyncedClient[], servers: SyncServerProcess[] = []): Promise<void> {
  await Promise.all(clients.map((c) => c.core.close().catch(() => undefined)));
  await Promise.all(servers.map((s) => s.stop().catch(() => undefined)));
}

/** What a sync test opened: push each workstation, server and network onto its list as it is made. */
export interface OpenedInTest {
  clients: SyncedClient[];
  servers: SyncServerProcess[];
  /** Servers started inside the test process (`startSyncServer`). */
  inProcess: Array<{ close(): Promise<void> }>;
  proxies: TcpProxy[];
}

/**
 * Lists for what each test opens, emptied and closed after every test, passed
 * or failed — workstations first, then servers, then the networks between
 * them — so no core, child process or port outlives the test that made it.
 * Call once per test file (or per suite function), at its top level.
 */
export function closeAfterEach(): OpenedInTest {
  const opened: OpenedInTest = { clients: [], servers: [], inProcess: [], proxies: [] };
  afterEach(async () => {
    await closeAll(opened.clients.splice(0), opened.servers.splice(0));
    await Promise.all(opened.inProcess.splice(0).map((server) => server.close()));
    await Promise.all(opened.proxies.splice(0).map((proxy) => proxy.close()));
  });
  return opened;
}

/** A sync server process with two editors signed in, each on their own account; all closed after the test. */
export async function serverWithTwoEditors(opened: Pick<OpenedInTest, 'clients' | 'servers'>): Promise<{ server: SyncServerProcess; token: string; a: SyncedClient; b: SyncedClient }> {
  const server = await startSyncServerProcess();
  opened.servers.push(server);
  const token = await server.addUser('Richard Connor', 'editor');
  const a = await openSyncedClient(server, token, 'Richard Connor');
  const b = await openSyncedClient(server, await server.addUser('Wesley Rahn', 'editor'), 'Wesley Rahn');
  opened.clients.push(a, b);
  return { server, token, a, b };
}
