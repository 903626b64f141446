import { describe } from 'vitest';
import { offlineMergeSuite } from './offline-merge.suite';

describe('offline edits merge on reconnect (server on SQLite)', () => {
  offlineMergeSuite(async () => ({}));
});
