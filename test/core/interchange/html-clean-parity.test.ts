import fs from 'node:fs';
import path from 'node:path';
import { DOMParser as ProseMirrorDOMParser } from '@tiptap/pm/model';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { htmlToBodyJson } from '../../../electron/core/interchange/html-to-doc';
import { newsroomSchema } from '../../../shared/editor/extensions';
import { cleanHtmlDocument } from '../../../shared/html-clean/clean-html';
import type { DomDocument, DomElement } from '../../../shared/html-clean/dom';
import { repoRoot } from '../../helpers/fixtures';

/**
 * Paste cleaning (a browser DOM in the renderer) and import cleaning
 * (linkedom in core) run the same shared rules: the paste fixtures must come
 * out identical through both.
 */
const fixtures = path.join(repoRoot, 'test', 'fixtures', 'paste');

function asInBrowser(html: string): unknown {
  const window = new Window();
  const parsed = new window.DOMParser().parseFromString(html, 'text/html') as unknown as DomDocument;
  const cleaned = cleanHtmlDocument(parsed) as DomElement;
  const again = new window.DOMParser().parseFromString(cleaned.innerHTML, 'text/html');
  const json = ProseMirrorDOMParser.fromSchema(newsroomSchema()).parse(again.body as never).toJSON();
  void window.happyDOM.close();
  return json;
}

describe('one set of cleaning rules for paste and import', () => {
  it.each(fs.readdirSync(fixtures).filter((file) => file.endsWith('.html')))('%s cleans the same in core as in a browser', (file) => {
    const html = fs.readFileSync(path.join(fixtures, file), 'utf8');
    expect(htmlToBodyJson(html)).toEqual(asInBrowser(html));
  });
});
