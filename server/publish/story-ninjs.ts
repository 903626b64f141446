import * as Y from 'yjs';
import { readStory } from '../../shared/article-body';
import { articleParts } from '../../shared/article-doc';
import { parseIsoInstant } from '../../shared/time';
import { articleIdOf } from '../../shared/documents/article-kind';
import { exportFileName } from '../../shared/interchange/export-file-name';
import { DEFAULT_MEDIA_HREF_BASE, mediaHashFromHref, type MediaCatalog } from '../../shared/interchange/media-catalog';
import { storyToNinjs } from '../../shared/interchange/ninjs/ninjs-export';
import type { NinjsDocument } from '../../shared/interchange/ninjs/ninjs-types';
import { validateNinjs } from '../../shared/interchange/ninjs/validate-ninjs';

/**
 * The ninjs a publication sends, made once when the move to Published is
 * stored (ADR 0071), with the laptop's own mapping (shared/interchange,
 * ADR 0030): every retry of every output sends these very bytes. Pictures
 * go as the laptop exports them — each figure's own caption, credit and alt
 * text, renditions named `lede-media://<sha256>/…`; the server does not
 * describe them further (no catalog), so file outputs carry the original
 * bytes beside the JSON (publisher.ts).
 */

const NO_CATALOG: MediaCatalog = { describe: () => null };

export interface PublishedStory {
  /** `<slug-or-id>`: the files' names start with it. */
  fileBase: string;
  /** The ninjs without `version` (each transmission adds its own). */
  ninjs: NinjsDocument | null;
  /** Why it cannot be sent, for the editor; null when it validates. */
  problem: string | null;
  /** When the embargo ends (ms), if the story carries one that has not passed by the time it is published. */
  embargoUntilMs: number | null;
}

export function publishedStory(documentName: string, state: Uint8Array, storedAtMs: number): PublishedStory {
  const id = articleIdOf(documentName) ?? documentName;
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    const story = readStory(doc);
    const named = exportFileName(story, 'json').replace(/\.json$/, '');
    const fileBase = named === 'story' ? id : named;
    // An embargo that cannot be read is a problem for the editor, never a silent "send now".
    const embargoRaw = articleParts(doc).meta.get('embargoedUntil') || null;
    const correction = (articleParts(doc).meta.get('correction') ?? '').trim();
    const embargoMs = embargoRaw ? parseIsoInstant(embargoRaw) : null;
    if (embargoRaw && embargoMs === null) {
      return { fileBase, ninjs: null, problem: `The embargo "${embargoRaw}" is not a date and time, so the story was not sent: set "Embargoed until" again.`, embargoUntilMs: null };
    }
    // An embargo already past when the story is published holds nothing (and is not carried).
    const embargo = embargoMs !== null && embargoMs > storedAtMs ? { ms: embargoMs, iso: new Date(embargoMs).toISOString() } : null;
    const ninjs = storyToNinjs(story, {
      id,
      updatedAt: new Date(storedAtMs).toISOString(),
      catalog: NO_CATALOG,
      mediaHrefBase: DEFAULT_MEDIA_HREF_BASE,
      ...(embargo ? { embargoed: embargo.iso } : {}),
      ...(correction ? { correction } : {}),
    });
    // Validated as sent: with a version number in it.
    const validation = validateNinjs({ ...ninjs, version: '1' });
    if (!validation.valid) return { fileBase, ninjs: null, problem: `The story does not make valid ninjs 2.2, so it was not sent: ${validation.errors.join('; ')}`, embargoUntilMs: null };
    return { fileBase, ninjs, problem: null, embargoUntilMs: embargo?.ms ?? null };
  } finally {
    doc.destroy();
  }
}

/** The body one transmission sends: the publication's ninjs at its version. */
export function ninjsAtVersion(body: string, version: number): string {
  return JSON.stringify({ ...(JSON.parse(body) as NinjsDocument), version: String(version) }, null, 2);
}

/** The pictures a ninjs body carries, by association name (image-1 …) and hash. */
export function picturesOf(body: string): Array<{ name: string; sha256: string }> {
  const document = JSON.parse(body) as NinjsDocument;
  const pictures: Array<{ name: string; sha256: string }> = [];
  for (const association of document.associations ?? []) {
    const sha256 = association.type === 'picture' ? mediaHashFromHref(association.uri) : null;
    if (sha256) pictures.push({ name: association.name, sha256 });
  }
  return pictures;
}
