import * as Y from 'yjs';
import { ARTICLE_BODY } from './article-doc';
import { isMediaHash } from './media-hash';

/**
 * The media assets (sha256) a story's body refers to: every figure's
 * `media` attribute, read straight from the document. Sync uses it to upload
 * a story's photos before the story counts as synced.
 */
export function mediaReferences(doc: Y.Doc): string[] {
  const found = new Set<string>();
  const walk = (node: Y.XmlElement | Y.XmlFragment) => {
    for (const child of node.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue;
      const media = child.getAttribute('media') as unknown;
      if (isMediaHash(media)) found.add(media);
      walk(child);
    }
  };
  walk(doc.getXmlFragment(ARTICLE_BODY));
  return [...found];
}
