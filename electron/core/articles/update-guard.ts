import type * as Y from 'yjs';
import { PROTECTED_META_KEYS, articleParts } from '../../../shared/article-doc';
import type { ChangeGuard } from '../docs/live-docs';

/**
 * Status, dates and trash state change only through the workflow API, where
 * core checks who may do what. An editor's update that touches them is refused.
 */
export const articleUpdateGuard: ChangeGuard = (transaction: Y.Transaction, doc: Y.Doc) => {
  const meta = articleParts(doc).meta;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs types the changed map loosely
  const keys = transaction.changed.get(meta as unknown as Y.AbstractType<Y.YEvent<any>>);
  if (!keys) return null;
  const touched = PROTECTED_META_KEYS.filter((key) => keys.has(key));
  return touched.length > 0
    ? `The story's ${touched.join(', ')} can only be changed through the workflow (Status menu, Trash), not by an edit.`
    : null;
};
