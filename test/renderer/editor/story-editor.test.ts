import { Editor } from '@tiptap/core';
import { yUndoPluginKey } from '@tiptap/y-tiptap';
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { articleParts, bodyPlainText, seedArticle } from '../../../shared/article-doc';
import { storyEditorExtensions } from '../../../renderer/editor/editor-extensions';
import { storyStats } from '../../../renderer/editor/story-stats';
import { textStats } from '../../../shared/text-stats';
import { FieldInput } from '../../../renderer/editor/FieldInput';
import { StoryEditor } from '../../../renderer/editor/StoryEditor';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()!();
});

function seededDoc(): Y.Doc {
  const doc = new Y.Doc();
  seedArticle(doc, { createdAt: '2025-10-15T09:00:00+02:00', language: 'en', headline: 'Syria' });
  return doc;
}

function headlessEditor(doc: Y.Doc): Editor {
  const editor = new Editor({ extensions: storyEditorExtensions({ doc }) });
  cleanups.push(() => editor.destroy());
  return editor;
}

function sync(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), 'remote');
}

async function render(element: ReturnType<typeof createElement>): Promise<{ container: HTMLElement; root: Root }> {
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  await act(async () => root.render(element));
  cleanups.push(() => {
    act(() => root.unmount());
    container.remove();
  });
  return { container, root };
}

describe('storyEditorExtensions', () => {
  it('binds to the seeded body and never fills the document itself', () => {
    const doc = seededDoc();
    const before = Y.encodeStateVector(doc);
    const editor = headlessEditor(doc);
    expect(editor.getJSON()).toEqual({ type: 'doc', content: [{ type: 'paragraph' }] });
    expect(articleParts(doc).body.length).toBe(1);
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it('writes typing into the shared body', () => {
    const doc = seededDoc();
    const editor = headlessEditor(doc);
    editor.commands.insertContent('Sharaa visits Moscow');
    expect(bodyPlainText(articleParts(doc).body)).toBe('Sharaa visits Moscow');
  });

  it('undo takes back only your own changes, never a colleague’s', () => {
    const doc = seededDoc();
    const colleague = new Y.Doc();
    sync(doc, colleague);
    const editor = headlessEditor(doc);
    editor.commands.insertContent('Mine.');

    const remoteBody = articleParts(colleague).body;
    colleague.transact(() => {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText('Theirs.')]);
      remoteBody.insert(remoteBody.length, [paragraph]);
    });
    sync(colleague, doc);
    expect(bodyPlainText(articleParts(doc).body)).toBe('Mine.\nTheirs.');

    editor.commands.undo();
    expect(bodyPlainText(articleParts(doc).body)).toBe('Theirs.');
    editor.commands.redo();
    expect(bodyPlainText(articleParts(doc).body)).toBe('Mine.\nTheirs.');
  });

  it('replace all is one undo step in the shared history', () => {
    const doc = seededDoc();
    const editor = headlessEditor(doc);
    editor.commands.insertContent('Tartus, Tartus and Tartus');
    // Typing and the replacement must not merge into one step just because they came quickly.
    yUndoPluginKey.getState(editor.state)!.undoManager.stopCapturing();
    editor.commands.setSearchTerm('Tartus');
    editor.commands.setReplaceTerm('Tartous');
    editor.commands.replaceAll();
    expect(editor.getText()).toBe('Tartous, Tartous and Tartous');
    editor.commands.undo();
    expect(editor.getText()).toBe('Tartus, Tartus and Tartus');
  });
});

describe('story length', () => {
  it('counts exactly what core counts from the shared document', () => {
    const doc = seededDoc();
    const editor = headlessEditor(doc);
    editor.commands.setContent([
      { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Why is Syria’s leader visiting Russia?' }] },
      { type: 'paragraph', content: [{ type: 'text', text: '  Line one' }, { type: 'hardBreak' }, { type: 'text', marks: [{ type: 'bold' }], text: 'line two  ' }] },
      { type: 'paragraph' },
      { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Hmeimim airbase' }] }] }] },
      { type: 'factbox', attrs: { title: 'What we know' }, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Two bases, 👍🏽 café' }] }] },
      { type: 'videoEmbed', attrs: { title: 'Can Russia keep its bases in Syria?', duration: 284, poster: null, source: '' } },
      { type: 'pullQuote', attrs: { attribution: 'Al-Sharaa' }, content: [{ type: 'text', text: 'A new chapter' }] },
      { type: 'figure', attrs: { media: null, credit: '', alt: '' }, content: [{ type: 'text', text: 'Al-Sharaa in Moscow' }] },
      { type: 'horizontalRule' },
      { type: 'paragraph', content: [{ type: 'text', text: 'زيارة الشرع إلى موسكو' }] },
    ]);
    const expected = textStats(bodyPlainText(articleParts(doc).body));
    expect(expected.words).toBeGreaterThan(30);
    expect(storyStats(editor.state.doc)).toEqual(expected);
  });
});

describe('StoryEditor', () => {
  it('renders a labelled, spellchecked body with the story language and direction', async () => {
    const doc = seededDoc();
    const { container } = await render(createElement(StoryEditor, { doc, language: 'ar', dir: 'rtl' }));
    const body = container.querySelector('[aria-label="Body"]')!;
    expect(body).not.toBeNull();
    expect(body.getAttribute('contenteditable')).toBe('true');
    expect(body.getAttribute('lang')).toBe('ar');
    expect(body.getAttribute('dir')).toBe('rtl');
    expect(body.getAttribute('spellcheck')).toBe('true');
  });

  it('names every toolbar control and its shortcut', async () => {
    const { container } = await render(createElement(StoryEditor, { doc: seededDoc(), language: 'en', dir: 'ltr' }));
    const toolbar = container.querySelector('[role="toolbar"]')!;
    const names = Array.from(toolbar.querySelectorAll('button')).map((button) => button.getAttribute('aria-label'));
    expect(names).toEqual([
      'Bold', 'Italic', 'Underline', 'Strikethrough', 'Link', 'Bulleted list', 'Numbered list', 'Quote',
      'Pull quote', 'Factbox', 'Horizontal rule', 'Photo', 'Video', 'Suggest changes', 'Note', 'Flag for legal', 'Undo', 'Redo', 'Find',
    ]);
    expect(toolbar.querySelector('[aria-label="Suggest changes"]')!.getAttribute('aria-pressed')).toBe('false');
    expect(toolbar.querySelector('[aria-label="Suggest changes"]')!.getAttribute('title')).toMatch(/^Suggest changes \((Ctrl\+Shift\+E|⇧⌘E)\)$/);
    expect(toolbar.querySelector('[aria-label="Bold"]')!.getAttribute('title')).toMatch(/^Bold \((Ctrl\+B|⌘B)\)$/);
    expect(toolbar.querySelector('[aria-label="Bold"]')!.getAttribute('aria-pressed')).toBe('false');
    const select = toolbar.querySelector('select')!;
    expect(container.querySelector(`label[for="${select.id}"]`)!.textContent).toBe('Style');
    expect(Array.from(select.options).map((option) => option.textContent)).toEqual(['Paragraph', 'Subhead', 'Minor subhead', '—']);
    // One Tab stop for the whole toolbar.
    expect(Array.from(toolbar.querySelectorAll('button, select')).filter((control) => (control as HTMLElement).tabIndex === 0)).toHaveLength(1);
  });

  it('opens find and replace from the toolbar and closes it with Escape', async () => {
    const { container } = await render(createElement(StoryEditor, { doc: seededDoc(), language: 'en', dir: 'ltr' }));
    await act(async () => (container.querySelector('[aria-label="Find"]') as HTMLButtonElement).click());
    const bar = container.querySelector('[role="search"]')!;
    expect(bar.getAttribute('aria-label')).toBe('Find and replace');
    const labels = Array.from(bar.querySelectorAll('label')).map((label) => label.textContent);
    expect(labels).toContain('Find');
    expect(labels).toContain('Replace');
    await act(async () => {
      bar.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    });
    expect(container.querySelector('[role="search"]')).toBeNull();
  });

  it('shows the story length off the typing path', async () => {
    const doc = seededDoc();
    const seen: number[] = [];
    let editor: Editor | null = null;
    const { container } = await render(
      createElement(StoryEditor, { doc, language: 'en', dir: 'ltr', onReady: (ready) => (editor = ready), onStats: (stats) => seen.push(stats.words) }),
    );
    await act(async () => {
      editor!.commands.insertContent('Syria’s new leader visits Moscow for talks');
      await new Promise((resolve) => setTimeout(resolve, 700));
    });
    const status = container.querySelector('[aria-label="Story length"]')!;
    expect(status.textContent).toBe('7 words · 42 characters · 1 min read');
    expect(seen.at(-1)).toBe(7);
  });
});

describe('FieldInput', () => {
  it('shows a visible label, a live count and the limit message', async () => {
    const doc = seededDoc();
    const headline = articleParts(doc).headline;
    const { container } = await render(
      createElement(FieldInput, { label: 'Headline', text: headline, limit: { warn: 10, error: 20 }, dir: 'ltr', lang: 'en' }),
    );
    const input = container.querySelector('textarea')!;
    expect(input.getAttribute('rows')).toBe('1');
    expect(input.getAttribute('aria-multiline')).toBe('false');
    expect(container.querySelector(`label[for="${input.id}"]`)!.textContent).toBe('Headline');
    expect(input.value).toBe('Syria');
    const count = () => container.querySelector('.field-input-count')!.textContent;
    expect(count()).toBe('5 / 20');

    await act(async () => headline.insert(5, ' leader visits'));
    expect(count()).toBe('19 / 20');
    expect(container.querySelector('.field-input')!.className).toContain('field-level-warn');
    const message = container.querySelector('[role="status"]')!;
    expect(input.getAttribute('aria-describedby')).toContain(message.id);
    expect(message.textContent).toBe('Headline is longer than the recommended 10 characters.');

    await act(async () => headline.insert(19, ' Moscow'));
    expect(container.querySelector('.field-input')!.className).toContain('field-level-error');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(message.textContent).toBe('Headline is 6 over the limit of 20 characters.');
  });

  it('renders a teaser as a taller box that still takes no line breaks', async () => {
    const doc = seededDoc();
    const { container } = await render(createElement(FieldInput, { label: 'Teaser', text: articleParts(doc).teaser, multiline: true, dir: 'rtl', lang: 'ar' }));
    const area = container.querySelector('textarea')!;
    expect(area.getAttribute('rows')).toBe('2');
    expect(area.getAttribute('dir')).toBe('rtl');
    expect(area.getAttribute('lang')).toBe('ar');
    const enter = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true });
    area.dispatchEvent(enter);
    expect(enter.defaultPrevented).toBe(true);
  });
});
