import { initial } from './001-initial';
import { revisions } from './003-revisions';
import type { Migration } from './migration';

/**
 * Every migration, oldest first. Add a file per version; never edit a shipped one.
 * Version 2 is the photo desk's (issue 3), merged separately; it goes between these two.
 */
export const MIGRATIONS: readonly Migration[] = [initial, revisions];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
