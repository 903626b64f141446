import * as Y from 'yjs';
import { minimalTextChange } from './article-doc';
import { applyCull, type CullValues } from './media-cull';
import { MEDIA_FIELDS, MEDIA_LIST_FIELDS, MEDIA_TEXT_FIELDS, emptyMediaFields, isListField, type MediaFields } from './media-fields';

/**
 * How a photo's editable metadata lives in its Yjs document (`media:<sha256>`):
 * every text field is its own Y.Text (two people fixing one caption both keep
 * their edits), every list field a Y.Array of strings, and the facts of the
 * file (name, size, pixels, camera) a Y.Map that core writes once at import.
 * Stars, label, tag and rejection are the `cull` Y.Map (media-cull.ts).
 */
export const MEDIA_FILE_MAP = 'file';

export interface MediaFileFacts {
  filename: string;
  format: string;
  bytes: number;
  width: number;
  height: number;
  /** ISO 8601 from EXIF DateTimeOriginal (or IPTC date created), or ''. */
  takenAt: string;
  camera: string;
  lens: string;
  importedAt: string;
}

export function readMediaFields(doc: Y.Doc): MediaFields {
  const fields = emptyMediaFields() as Record<string, string | string[]>;
  for (const field of MEDIA_TEXT_FIELDS) fields[field] = doc.getText(field).toString();
  for (const field of MEDIA_LIST_FIELDS) fields[field] = doc.getArray<string>(field).toArray();
  return fields as MediaFields;
}

export function readMediaFacts(doc: Y.Doc): MediaFileFacts {
  const map = doc.getMap<string | number>(MEDIA_FILE_MAP);
  const text = (key: string) => {
    const value = map.get(key);
    return typeof value === 'string' ? value : '';
  };
  const number = (key: string) => {
    const value = map.get(key);
    return typeof value === 'number' && Number.isFinite(value) ? value : 0;
  };
  return {
    filename: text('filename'),
    format: text('format'),
    bytes: number('bytes'),
    width: number('width'),
    height: number('height'),
    takenAt: text('takenAt'),
    camera: text('camera'),
    lens: text('lens'),
    importedAt: text('importedAt'),
  };
}

/**
 * Writes a newly imported photo's first state. Called once, by core, at import.
 *
 * Two laptops may import the same agency photo while offline; when both
 * documents meet through sync, two independent seeds would merge into every
 * caption written twice. So what follows from the file's bytes (its metadata
 * and pixel facts) is written by a writer whose Yjs client id is derived from
 * that content: the same bytes give the very same update everywhere, and
 * Yjs keeps it once. What differs per computer (the file's name there, when
 * it was imported) is written by this document's own client, last one wins.
 */
export function seedMedia(doc: Y.Doc, facts: MediaFileFacts, fields: Partial<MediaFields>, cull: Partial<CullValues> = {}): void {
  const { filename, importedAt, ...fromBytes } = facts;
  const content: Record<string, unknown> = { ...fromBytes };
  for (const field of MEDIA_FIELDS) if (fields[field] !== undefined) content[field] = fields[field];
  // Stars and labels a file arrives with (rated in Photo Mechanic or Lightroom) are its bytes' too.
  if (Object.keys(cull).length > 0) content.cull = cull;
  const writer = new Y.Doc();
  writer.clientID = contentClientId(JSON.stringify(content));
  writer.transact(() => {
    const map = writer.getMap<string | number>(MEDIA_FILE_MAP);
    for (const [key, value] of Object.entries(fromBytes)) map.set(key, value);
    applyMediaPatch(writer, fields);
    applyCull(writer, cull);
  });
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(writer));
  writer.destroy();
  doc.transact(() => {
    const map = doc.getMap<string | number>(MEDIA_FILE_MAP);
    map.set('filename', filename);
    map.set('importedAt', importedAt);
  });
}

/** A Yjs client id (uint32, never 0) that is a pure function of the text (FNV-1a). */
function contentClientId(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash === 0 ? 1 : hash;
}

/**
 * Changes only the fields in `patch`. Text is changed by its smallest
 * replaced range, so a colleague's edit elsewhere in the same caption
 * survives; a list is replaced only when it differs.
 */
export function applyMediaPatch(doc: Y.Doc, patch: Partial<MediaFields>): void {
  doc.transact(() => {
    for (const field of MEDIA_FIELDS) {
      const value = patch[field];
      if (value === undefined) continue;
      if (isListField(field)) {
        const list = doc.getArray<string>(field);
        const next = (value as string[]).map((item) => item.trim()).filter((item) => item !== '');
        const current = list.toArray();
        if (current.length === next.length && current.every((item, i) => item === next[i])) continue;
        list.delete(0, list.length);
        list.insert(0, next);
      } else {
        const text = doc.getText(field);
        const change = minimalTextChange(text.toString(), value as string);
        if (change.to > change.from) text.delete(change.from, change.to - change.from);
        if (change.insert) text.insert(change.from, change.insert);
      }
    }
  });
}
