import { describe } from 'vitest';
import { freshDatabase } from '../../helpers/postgres';
import { serviceUrl } from '../../helpers/sync-server-process';
import { offlineMergeSuite } from './offline-merge.suite';

const base = serviceUrl('LEDE_TEST_DATABASE_URL');

describe.skipIf(!base)('offline edits merge on reconnect (server on PostgreSQL)', () => {
  offlineMergeSuite(async () => ({ DATABASE_URL: await freshDatabase(base!) }));
});
