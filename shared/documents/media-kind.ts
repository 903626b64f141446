import type * as Y from 'yjs';
import type { MediaFields } from '../media-fields';
import { readCull, type CullValues } from '../media-cull';
import { readMediaFacts, readMediaFields, type MediaFileFacts } from '../media-doc';
import { normalizeForSearch } from '../search-text';
import { docIdOf, docNameOf } from './doc-names';
import type { DocumentKind } from './document-kind';

/** A photo's editable metadata: `media:<sha256 of the file>` (see media-doc.ts). */
export function mediaDocName(sha256: string): string {
  return docNameOf('media', sha256);
}

export function mediaShaOf(docName: string): string | null {
  return docIdOf('media', docName);
}

/** The search index's columns for a photo, in the order of the `media_search` table. */
export const MEDIA_SEARCH_COLUMNS = ['caption', 'headline', 'keywords', 'creators', 'place', 'other'] as const;

export interface MediaProjection {
  facts: MediaFileFacts;
  fields: MediaFields;
  cull: CullValues;
  /** Normalised for search, one entry per MEDIA_SEARCH_COLUMNS column. */
  search: string[];
}

/** Reads a photo's document into its `media` row and search entry. Pure. */
export function projectMedia(doc: Y.Doc): MediaProjection {
  const facts = readMediaFacts(doc);
  const fields = readMediaFields(doc);
  const place = [fields.sublocation, fields.city, fields.state, fields.country, fields.countryCode].join(' ');
  const other = [facts.filename, fields.title, fields.altText, fields.credit, fields.source, fields.personsShown.join(' '), fields.jobId].join(' ');
  return {
    facts,
    fields,
    cull: readCull(doc),
    search: [fields.caption, fields.headline, fields.keywords.join(' '), fields.creators.join(' '), place, other].map(normalizeForSearch),
  };
}

export const mediaKind: DocumentKind = {
  kind: 'media',
  docName: mediaDocName,
  idOf: mediaShaOf,
  // Sessions change a photo by naming fields (media.update); core writes the
  // document itself, so no session update reaches a photo's document.
  sessionEditGuard: null,
  remoteUpdateGuard: null,
  // The photo desk shows when a photo was taken and imported, not edited.
  stampEdit: null,
  // Who may change a photo is decided when a laptop attaches it (the
  // server's document access: photo editors, editors and admins write,
  // reporters only bring in new photos); its fields carry no workflow.
  serverGuard: null,
  // A photo's document has no headline or workflow status.
  catalogSummary: () => ({ headline: '', status: '', desk: null, trashedAt: null }),
  // A photo's document is loaded only while it changes and let go of after
  // every change: compacting on each release would rewrite the snapshot for
  // every caption fix, so it waits for a batch of updates instead.
  compaction: { afterUpdates: 50, onRelease: false },
};
