import type { Migration } from './migration';

/**
 * Culling on the photo desk (ADR 0070): each photo's stars, colour label,
 * tag and rejection, derived from its document like its caption, so the grid
 * filters and shows them from the row. Photos imported before this carry no
 * cull values in their documents, so the defaults are already right for them.
 */
export const cull: Migration = {
  version: 7,
  name: 'cull',
  up: `
    ALTER TABLE media ADD COLUMN rating INTEGER NOT NULL DEFAULT 0 CHECK (rating BETWEEN 0 AND 5);
    ALTER TABLE media ADD COLUMN label TEXT NOT NULL DEFAULT 'none';
    ALTER TABLE media ADD COLUMN tagged INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE media ADD COLUMN rejected INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX media_rejected ON media (imported_ms DESC) WHERE rejected = 1;
  `,
};
