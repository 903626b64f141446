import { updateYFragment } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { bodyNodeFromJson, type StorySnapshot } from '../../../shared/article-body';
import { applyTextChange, articleParts } from '../../../shared/article-doc';
import type { RestorablePart } from '../../../shared/revisions/revision';

/**
 * Brings parts of an older version back into a story's live document, inside
 * the caller's transaction. Nothing is replaced wholesale: the body is
 * reconciled with y-tiptap's `updateYFragment` (unchanged blocks keep their
 * Yjs identity, changed text gets the smallest edit) and text fields get the
 * smallest text change, so an edit a colleague makes at the same time, on a
 * copy that has not seen the restore yet, still lands and merges.
 */
export function applyRestore(doc: Y.Doc, story: StorySnapshot, parts: readonly RestorablePart[]): void {
  const target = articleParts(doc);
  const { fields } = story;
  for (const part of parts) {
    switch (part) {
      case 'body':
        updateYFragment(doc, target.body, bodyNodeFromJson(story.body), { mapping: new Map(), isOMark: new Map() });
        break;
      case 'headline':
      case 'kicker':
      case 'teaser':
        applyTextChange(target[part], fields[part]);
        break;
      case 'bylines':
      case 'sources':
      case 'tags':
        replaceArray(target[part] as Y.Array<unknown>, fields[part]);
        break;
      case 'section':
      case 'slug':
      case 'dateline':
      case 'language':
        if ((target.meta.get(part) ?? '') !== fields[part]) target.meta.set(part, fields[part]);
        break;
    }
  }
}

function replaceArray(array: Y.Array<unknown>, next: readonly unknown[]): void {
  if (JSON.stringify(array.toArray()) === JSON.stringify(next)) return;
  array.delete(0, array.length);
  array.push([...next]);
}
