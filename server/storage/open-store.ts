import type { ServerLog } from '../log';
import { PostgresServerStore } from './postgres-store';
import type { ServerStore } from './server-store';
import { SqliteServerStore } from './sqlite-store';

/** PostgreSQL when a postgres:// URL is given, else the embedded SQLite file under the data folder. */
export async function openServerStore(options: {
  dataDir: string;
  databaseUrl?: string;
  log: ServerLog;
  /** The bundled store worker; default store-worker.mjs beside the server bundle, null for inline (tests from source). */
  storeWorkerFile?: string | null;
}): Promise<ServerStore> {
  if (options.databaseUrl) {
    if (!/^postgres(ql)?:\/\//.test(options.databaseUrl)) throw new Error('DATABASE_URL must start with postgres:// (or postgresql://).');
    return PostgresServerStore.open(options.databaseUrl, options.log, { storeWorkerFile: options.storeWorkerFile });
  }
  return new SqliteServerStore(options.dataDir, { storeWorkerFile: options.storeWorkerFile });
}
