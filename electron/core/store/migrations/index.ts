import { initial } from './001-initial';
import { media } from './002-media';
import { revisions } from './003-revisions';
import { sync } from './004-sync';
import { purgedKept } from './005-purged-kept';
import { sharedHistory } from './006-shared-history';
import { cull } from './007-cull';
import { reviewCounts } from './008-review-counts';
import type { Migration } from './migration';

/** Every migration, oldest first. Add a file per version; never edit a shipped one. */
export const MIGRATIONS: readonly Migration[] = [initial, media, revisions, sync, purgedKept, sharedHistory, cull, reviewCounts];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
