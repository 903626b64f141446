import { parseServerArgs, type ServerCommand } from './args';
import { createServerLog } from './log';
import { openServerStore } from './storage/open-store';
import { NotFoundError, UserExistsError, type ServerStore } from './storage/server-store';
import { startSyncServer } from './sync-server';
import { openLostDevices, type LostDevices } from './auth/lost-devices';
import { openAuditLog, type AuditLog } from './audit/audit-log';
import { auditListing, restoreDocument } from './audit/audit-cli';
import { openPublishingDb, type PublishingDb } from './publish/publishing-db';
import { OutputSecrets } from './publish/output-secrets';
import { addOutput, listOutputs, removeOutput } from './publish/outputs-cli';
import { addDesk, addDeskMember, addUser, linkUser, listDesks, listUsers, loseUser, removeDeskMember, revokeUser, setUserRole } from './users-cli';

/**
 * `npm run server`: the newsroom sync server, or its account commands.
 * Serving prints exactly one line on stdout when ready; logs go to stderr.
 */
async function main(): Promise<void> {
  let command: ServerCommand;
  try {
    command = parseServerArgs(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  const log = createServerLog((process.env.LEDE_SERVER_LOG as 'debug' | 'info' | 'warn' | 'error' | undefined) ?? 'info');
  // A library promise rejected without a handler (a dropped socket mid-write)
  // is logged, not fatal: one client's trouble must not stop the newsroom's server.
  process.on('unhandledRejection', (error) => log.error('unhandled rejection', { error }));
  const databaseUrl = process.env.DATABASE_URL || undefined;

  if (command.kind !== 'serve') {
    let store;
    try {
      store = await openServerStore({ dataDir: command.dataDir, databaseUrl, log });
    } catch (error) {
      console.error(`Cannot open the server database: ${(error as Error).message}`);
      process.exit(1);
    }
    let lost;
    let audit;
    let publishing;
    try {
      lost = await openLostDevices({ dataDir: command.dataDir, databaseUrl });
      audit = await openAuditLog({ dataDir: command.dataDir, databaseUrl });
      publishing = await openPublishingDb({ dataDir: command.dataDir, databaseUrl });
    } catch (error) {
      await audit?.close();
      await lost?.close();
      await store.close();
      console.error(`Cannot open the server database: ${(error as Error).message}`);
      process.exit(1);
    }
    try {
      const lines = await runAccountCommand(command, store, lost, audit, publishing);
      for (const line of lines) console.log(line);
    } catch (error) {
      console.error(error instanceof UserExistsError || error instanceof NotFoundError ? error.message : `Failed: ${(error as Error).message}`);
      process.exitCode = 1;
    } finally {
      await publishing.close();
      await audit.close();
      await lost.close();
      await store.close();
    }
    return;
  }

  let server;
  try {
    server = await startSyncServer({
      dataDir: command.dataDir,
      host: command.host,
      port: command.port,
      tls: command.tls,
      databaseUrl,
      redisUrl: process.env.REDIS_URL || undefined,
      redisPrefix: process.env.REDIS_PREFIX || undefined,
      maxMediaBytes: command.maxMediaBytes,
      limits: command.limits,
      oidc: command.oidc,
      purgeRetentionDays: command.purgeRetentionDays,
      transmitTimeoutMs: command.transmitTimeoutMs,
      log,
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'EADDRINUSE' ? `port ${command.port} is in use (try --port 0 for any free port)` : (error as Error).message;
    console.error(`Lede sync server cannot start: ${reason}`);
    process.exit(1);
  }
  console.log(`Lede sync server listening on ${server.url}`);
  log.info('serving', { database: server.store.kind, redis: Boolean(process.env.REDIS_URL), pid: process.pid });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('stopping', { signal });
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error('stopped with an error', { error });
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

/** The account, desk, restore and audit commands: each prints the lines it returns. */
async function runAccountCommand(command: Exclude<ServerCommand, { kind: 'serve' }>, store: ServerStore, lost: LostDevices, audit: AuditLog, publishing: PublishingDb): Promise<string[]> {
  switch (command.kind) {
    case 'user-add':
      return addUser(store, command.name, command.role, command.desks);
    case 'user-set-role':
      return setUserRole(store, command.name, command.role);
    case 'user-revoke':
      return revokeUser(store, command.name);
    case 'user-lost':
      return loseUser(store, lost, command.name);
    case 'user-list':
      return listUsers(store, lost);
    case 'user-link':
      return linkUser(store, command.name, command.identity);
    case 'desk-add':
      return addDesk(store, command.desk);
    case 'desk-list':
      return listDesks(store);
    case 'desk-member-add':
      return addDeskMember(store, command.desk, command.name);
    case 'desk-member-remove':
      return removeDeskMember(store, command.desk, command.name);
    case 'restore':
      return restoreDocument(store, audit, command.document, command.purgeRetentionDays);
    case 'audit':
      return auditListing(audit, command);
    case 'output-add':
      return addOutput(store, publishing, new OutputSecrets(command.dataDir), command.request);
    case 'output-list':
      return listOutputs(publishing);
    case 'output-remove':
      return removeOutput(publishing, new OutputSecrets(command.dataDir), command.name);
  }
}

void main();
