import type { Migration } from './migration';

/**
 * The review layer in the library (ADR 0072): each story's open suggestions
 * and unresolved comment threads, and who its open threads mention (for the
 * "Mentions me" filter). Stories from before the review layer have none, so
 * the defaults are their true values and no row is derived again.
 */
export const reviewCounts: Migration = {
  version: 8,
  name: 'review-counts',
  up: `
    ALTER TABLE articles ADD COLUMN open_suggestions INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE articles ADD COLUMN open_comments INTEGER NOT NULL DEFAULT 0;
    CREATE TABLE article_mentions (
      article_id TEXT NOT NULL,
      name TEXT NOT NULL COLLATE NOCASE,
      PRIMARY KEY (article_id, name)
    ) STRICT;
    CREATE INDEX article_mentions_by_name ON article_mentions (name, article_id);
  `,
};
