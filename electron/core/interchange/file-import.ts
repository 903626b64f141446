import { LedeError } from '../../../shared/errors';
import type { ReadArticleOptions } from '../../../shared/web-article/web-article';
import { MAX_IMPORT_BYTES } from '../../../shared/interchange';
import { docxToDraft } from './docx-import';
import type { ImportedDraft } from './imported-draft';
import type { MediaCatalog } from '../../../shared/interchange/media-catalog';
import { ninjsToDraft } from './ninjs/ninjs-import';
import { declaredHtmlCharset, decodeText } from './text-decode';
import { htmlToDraft, markdownToDraft, textToDraft } from './text-imports';
import { isZip } from './zip-inspect';

/**
 * One entry for every file a person drops on Lede: the format is read from
 * the name and checked against the bytes, then converted whole. Nothing is
 * created here — the caller creates the draft from the result, in one
 * transaction, only once the whole conversion succeeded.
 */

/** `sections`: the newsroom's, so a page's kicker line can name the story's section. */
export async function importFile(name: string, bytes: Uint8Array, catalog: MediaCatalog, options: ReadArticleOptions): Promise<ImportedDraft> {
  if (bytes.length === 0) throw new LedeError('unsupported_file', `“${name}” is empty.`);
  if (bytes.length > MAX_IMPORT_BYTES) {
    throw new LedeError('too_large', `“${name}” is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; Lede imports files up to ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`);
  }
  const extension = /\.[^.]+$/.exec(name.toLowerCase())?.[0] ?? '';
  const draft = await convert(name, extension, bytes, catalog, options);
  if (isEmpty(draft)) throw new LedeError('unsupported_file', `“${name}” holds no text Lede could import.`);
  return draft;
}

async function convert(name: string, extension: string, bytes: Uint8Array, catalog: MediaCatalog, options: ReadArticleOptions): Promise<ImportedDraft> {
  switch (extension) {
    case '.docx':
      return docxToDraft(bytes, name, catalog);
    case '.json':
      return ninjsToDraft(parseJson(name, decodeText(bytes)), name, catalog);
    case '.html':
    case '.htm':
      return htmlToDraft(decodeText(bytes, declaredHtmlCharset(bytes)), catalog, options);
    case '.md':
    case '.markdown':
      return markdownToDraft(decodeText(bytes), catalog, options);
    case '.txt':
      return textToDraft(decodeText(bytes), catalog, options);
    default:
      if (isZip(bytes)) return docxToDraft(bytes, name, catalog);
      throw new LedeError(
        'unsupported_file',
        `Lede cannot import “${name}”. It imports Word documents (.docx), ninjs (.json), HTML, Markdown and plain-text files.`,
      );
  }
}

function parseJson(name: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new LedeError('unsupported_file', `“${name}” is not valid JSON (${error instanceof Error ? error.message : String(error)}), so it cannot be a ninjs document.`);
  }
}

function isEmpty(draft: ImportedDraft): boolean {
  const hasBody = JSON.stringify(draft.body).includes('"text"') || JSON.stringify(draft.body).includes('"figure"');
  return !hasBody && !draft.seed.headline?.trim() && !draft.seed.teaser?.trim();
}
