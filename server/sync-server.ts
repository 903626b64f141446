import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Redis as RedisExtension } from '@hocuspocus/extension-redis';
import { Hocuspocus, type Extension } from '@hocuspocus/server';
import IORedis from 'ioredis';
import { WebSocketServer } from 'ws';
import { SYNC_SOCKET_PATH } from '../shared/sync-protocol';
import { AuthThrottle } from './auth/auth-throttle';
import { Authenticator } from './auth/authenticator';
import { openLostDevices, type LostDevices } from './auth/lost-devices';
import { openAuditLog } from './audit/audit-log';
import { openRevisionArchive } from './history/revision-archive';
import { OutputSecrets } from './publish/output-secrets';
import { Publisher } from './publish/publisher';
import { openPublishingDb } from './publish/publishing-db';
import { createHttpApi } from './http/http-api';
import { ssoRoutes } from './http/sso-routes';
import type { OidcSettings } from './auth/oidc/oidc-settings';
import { SsoService } from './auth/oidc/sso-service';
import { DEFAULT_LIMITS, DEFAULT_PURGE_RETENTION_DAYS, restorableSince, type ServerLimits } from './limits';
import type { ServerLog } from './log';
import { clientAddress, normalize } from './net/client-address';
import { ConnectionGate } from './net/connection-gate';
import { PURGED_CLOSE } from './close-codes';
import { answerAndClose } from '../shared/net/answer-and-close';
import { UnauthenticatedGuard } from './net/unauthenticated-guard';
import { openServerStore } from './storage/open-store';
import type { ServerStore } from './storage/server-store';
import { SyncExtension, type Peer } from './sync-extension';

export interface SyncServerOptions {
  dataDir: string;
  host: string;
  port: number;
  tls?: { certFile: string; keyFile: string };
  /** postgres://… to use PostgreSQL instead of the embedded SQLite file. */
  databaseUrl?: string;
  /** redis://… so several server processes serve the same documents. */
  redisUrl?: string;
  /** Namespace of Lede's keys and channels in Redis (one Redis may serve several newsrooms). */
  redisPrefix?: string;
  log: ServerLog;
  /** Quiet time before a changed document is stored (Hocuspocus' default is 2 s). */
  debounceMs?: number;
  /** Longest a busy document waits to be stored (Hocuspocus' default is 10 s). */
  maxDebounceMs?: number;
  maxMediaBytes?: number;
  revocationSweepMs?: number;
  /** A store to use instead of opening one (tests that make the database fail). */
  store?: ServerStore;
  /** What one client may cost (defaults in limits.ts). */
  limits?: Partial<ServerLimits>;
  /** Single sign-on with the newsroom's OpenID Connect provider (ADR 0058). */
  oidc?: OidcSettings;
  /** Days a purged story stays restorable (default 30); after that the sweep drops its state. */
  purgeRetentionDays?: number;
  /** How often the retention sweep runs (default hourly). */
  purgeSweepMs?: number;
  /** How often the catalog head is checked for changes made outside the server processes (default 2 s). */
  catalogWatchMs?: number;
  /** Longest one transmission to an output may take (default 30 s). */
  transmitTimeoutMs?: number;
}


export interface SyncServer {
  url: string;
  port: number;
  store: ServerStore;
  hocuspocus: Hocuspocus;
  /** Stores what waits, closes every connection and the database. */
  close(): Promise<void>;
}

/**
 * Lede's Redis extension: Hocuspocus' own, minus its store lock. That lock
 * makes a process skip its store when another holds it — the skipped changes
 * would then wait for the next edit to be stored. Lede's stores merge under
 * the database's own lock instead, so every process stores what it received.
 */
class MergingRedis extends RedisExtension {
  override async onStoreDocument(): Promise<void> {}
  override async afterStoreDocument(): Promise<void> {}
}

/** Starts Hocuspocus at /sync and the HTTP API on one port. */
export async function startSyncServer(options: SyncServerOptions): Promise<SyncServer> {
  const { log } = options;
  const store = options.store ?? (await openServerStore({ dataDir: options.dataDir, databaseUrl: options.databaseUrl, log }));
  const limits: ServerLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const purgeRetentionDays = options.purgeRetentionDays ?? DEFAULT_PURGE_RETENTION_DAYS;
  const trustedProxies = new Set(limits.trustedProxies.map(normalize));
  const addressOf = (request: http.IncomingMessage) => clientAddress(request, trustedProxies);
  const auth = new Authenticator(store);
  // A test's own store has no database of ours to keep lost tokens in.
  const lostDevices: LostDevices | undefined = options.store ? undefined : await openLostDevices({ dataDir: options.dataDir, databaseUrl: options.databaseUrl });
  const audit = await openAuditLog({ dataDir: options.dataDir, databaseUrl: options.databaseUrl });
  const revisions = await openRevisionArchive({ dataDir: options.dataDir, databaseUrl: options.databaseUrl });
  const publishingDb = await openPublishingDb({ dataDir: options.dataDir, databaseUrl: options.databaseUrl });
  const publisher = new Publisher({
    db: publishingDb,
    store,
    secrets: new OutputSecrets(options.dataDir),
    log,
    audit,
    serverId: await store.serverId(),
    timeoutMs: options.transmitTimeoutMs ?? 30_000,
  });
  const throttle = new AuthThrottle({ failures: limits.authFailures, windowMs: limits.authFailureWindowMs });
  const gate = new ConnectionGate(limits);
  const sync = new SyncExtension(store, auth, log, {
    revocationSweepMs: options.revocationSweepMs ?? 1000,
    throttle,
    gate,
    maxDocumentBytes: limits.maxDocumentBytes,
    audit,
    onStatusMove: (documentName, move, account, atMs) => publisher.moved(documentName, move, account?.name ?? '', atMs),
  });
  const extensions: Extension[] = [sync];
  if (options.redisUrl) {
    const url = options.redisUrl;
    extensions.push(
      new MergingRedis({
        prefix: options.redisPrefix ?? 'lede',
        createClient: () => {
          const client = new IORedis(url, { maxRetriesPerRequest: null });
          client.on('error', (error: Error) => log.warn('redis connection problem', { error: error.message }));
          return client;
        },
      }),
    );
  }
  const hocuspocus = new Hocuspocus({
    name: 'lede-sync',
    extensions,
    quiet: true,
    // Short, so "stored" follows an edit closely (the reconnect budget is 2 s).
    debounce: options.debounceMs ?? 50,
    maxDebounce: options.maxDebounceMs ?? 500,
  });

  // Known once the server listens (port 0 picks one).
  let url = '';
  const sso = options.oidc ? new SsoService(options.oidc, store, log, () => `${options.oidc?.publicUrl ?? url}/api/sso/callback`) : null;

  const tmpDir = options.databaseUrl ? fs.mkdtempSync(path.join(os.tmpdir(), 'lede-sync-uploads-')) : path.join(options.dataDir, 'tmp');
  const api = createHttpApi({
    store,
    auth,
    log,
    maxMediaBytes: options.maxMediaBytes ?? 200 * 1024 * 1024,
    maxJsonBytes: 1024 * 1024,
    tmpDir,
    throttle,
    addressOf,
    lostDevices,
    moreRoutes: ssoRoutes({ sso, log, throttle, addressOf, maxJsonBytes: 64 * 1024 }),
    publishing: publishingDb,
    onPurged(name, cursor) {
      for (const { connection } of hocuspocus.documents.get(name)?.connections.values() ?? []) connection.close(PURGED_CLOSE);
      sync.notifyCatalog(cursor);
    },
    audit,
    revisions,
    maxRevisionBytes: limits.maxDocumentBytes * 2,
    purgeRetentionDays,
    maxPurgesPerHour: limits.maxPurgesPerHour,
  });
  // Every process sweeps; the sweep is one idempotent UPDATE, so doing it twice costs nothing.
  const sweepPurges = () =>
    store.dropExpiredPurges(restorableSince(Date.now(), purgeRetentionDays)).then(
      (dropped) => dropped > 0 && log.info('dropped the kept state of purged stories past their retention', { dropped }),
      (error: unknown) => log.warn('purge retention sweep failed; will try again', { error }),
    );
  void sweepPurges();
  const purgeSweep = setInterval(() => void sweepPurges(), options.purgeSweepMs ?? 3600_000);
  purgeSweep.unref();
  // Changes no server process made (`restore` on the command line) reach laptops through this:
  // when the catalog head moved, the catalog notice goes out again. Laptops ignore a notice for
  // a cursor they have read already, so one repeated now and then for other changes costs nothing.
  let watchedHead = (await store.catalog(Number.MAX_SAFE_INTEGER, 1)).head;
  const headWatch = setInterval(() => {
    store.catalog(Number.MAX_SAFE_INTEGER, 1).then(
      ({ head }) => {
        if (head > watchedHead) sync.notifyCatalog(head);
        watchedHead = Math.max(watchedHead, head);
      },
      (error: unknown) => log.debug('catalog head check failed', { error }),
    );
  }, options.catalogWatchMs ?? 2000);
  headWatch.unref();

  const server = options.tls
    ? https.createServer({ cert: fs.readFileSync(options.tls.certFile), key: fs.readFileSync(options.tls.keyFile) }, api)
    : http.createServer(api);
  const sockets = new WebSocketServer({ noServer: true, maxPayload: limits.maxFrameBytes });
  server.on('upgrade', (request, socket, head) => {
    // First, before anything is written: a client that resets the
    // connection makes the socket emit 'error', and an 'error' nobody
    // listens to ends the process.
    socket.on('error', (error) => log.debug('upgrade socket error', { error: error.message }));
    const pathname = (request.url ?? '').split('?')[0];
    if (pathname !== SYNC_SOCKET_PATH) return answerAndClose(socket, 404, 'Not Found');
    const address = addressOf(request);
    const releaseAddress = gate.openFromAddress(address);
    if (!releaseAddress) {
      log.warn('refused a socket: its address has as many open as allowed', { address });
      return answerAndClose(socket, 503, 'Service Unavailable', { 'Retry-After': '10' });
    }
    // On the raw socket, so a handshake ws refuses gives the place back too.
    socket.once('close', releaseAddress);
    sockets.handleUpgrade(request, socket, head, (ws) => {
      // A socket error (reset, bad frame) ends that connection only.
      ws.on('error', (error) => log.warn('socket error', { error: error.message }));
      const guard = new UnauthenticatedGuard(ws, socket, {
        maxBytes: limits.preAuthBytes,
        timeoutMs: limits.authTimeoutMs,
        onCut: (reason) => log.info('closed an unauthenticated socket', { address, reason }),
      });
      const peer: Peer = { address, guard, releaseAccount: null, closed: false };
      ws.once('close', () => {
        peer.closed = true;
        peer.releaseAccount?.();
      });
      hocuspocus.handleConnection(ws, request, { peer });
    });
  });
  // A request Node could not parse: say so (400) and let the socket go; a
  // reset one just goes.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable) return socket.destroy();
    answerAndClose(socket, 400, 'Bad Request');
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  url = `${options.tls ? 'https' : 'http'}://${host}:${port}`;
  publisher.start();

  let closing: Promise<void> | null = null;
  return {
    url,
    port,
    store,
    hocuspocus,
    close() {
      closing ??= (async () => {
        server.close();
        await sync.flush();
        for (const client of sockets.clients) client.close(1001, 'server shutting down');
        sockets.close();
        server.closeAllConnections?.();
        await hocuspocus.hooks('onDestroy', { instance: hocuspocus });
        await publisher.close();
        await publishingDb.close();
        clearInterval(purgeSweep);
        clearInterval(headWatch);
        await lostDevices?.close();
        await audit.close();
        await revisions.close();
        await store.close();
        if (options.databaseUrl) fs.rmSync(tmpDir, { recursive: true, force: true });
      })();
      return closing;
    },
  };
}
