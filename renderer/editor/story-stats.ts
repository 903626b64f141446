import type { Editor } from '@tiptap/core';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { countCharacters, countWords, readingMinutes, type TextStats } from '../../shared/text-stats';
import { isUnpublishedRun } from '../../shared/review/publishable';

/**
 * Word, character and reading-time counts of the story body, kept off the
 * typing path.
 *
 * The counts equal the word count core derives from `bodyTexts(body).published` for the
 * story list (one line per text block, video and factbox titles included,
 * lines joined by newlines), but are summed per top-level block and cached by
 * node: ProseMirror keeps unchanged blocks as the same objects, so after a
 * keystroke only the block that changed is counted again. A change only
 * schedules a count, at most one per `intervalMs`, run when the browser is idle.
 */

interface BlockCount {
  words: number;
  characters: number;
  lines: number;
}

const blockCounts = new WeakMap<ProseMirrorNode, BlockCount>();

/** The plain-text lines of a block, by the rules of `bodyPlainText` in shared/article-doc.ts. */
function collectLines(node: ProseMirrorNode, lines: string[]): void {
  const push = (text: string) => {
    const trimmed = text.trim();
    if (trimmed !== '') lines.push(trimmed);
  };
  if (node.isTextblock) {
    let text = '';
    node.forEach((child) => {
      if (child.isText) {
        // Words are counted on the story as published: no suggested insertions, no notes.
        if (!isUnpublishedRun(child.marks.map((mark) => mark.type.name))) text += child.text ?? '';
      }
      else if (child.type.name === 'hardBreak') text += ' ';
    });
    push(text);
    return;
  }
  if (node.type.name === 'videoEmbed' || node.type.name === 'factbox') push(String(node.attrs.title ?? ''));
  node.forEach((child) => collectLines(child, lines));
}

function countBlock(block: ProseMirrorNode): BlockCount {
  const cached = blockCounts.get(block);
  if (cached) return cached;
  const lines: string[] = [];
  collectLines(block, lines);
  const count = { words: 0, characters: 0, lines: lines.length };
  for (const line of lines) {
    count.words += countWords(line);
    count.characters += countCharacters(line);
  }
  blockCounts.set(block, count);
  return count;
}

/** Counts for a story body; the newlines between lines count as characters, as in core. */
export function storyStats(doc: ProseMirrorNode): TextStats {
  let words = 0;
  let characters = 0;
  let lines = 0;
  doc.forEach((block) => {
    const count = countBlock(block);
    words += count.words;
    characters += count.characters;
    lines += count.lines;
  });
  return { words, characters: characters + Math.max(0, lines - 1), readingMinutes: readingMinutes(words) };
}

/** Calls `onStats` now (when idle) and after changes, at most once per `intervalMs`. */
export function watchStoryStats(editor: Editor, onStats: (stats: TextStats) => void, intervalMs = 300): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let idle: number | null = null;
  let disposed = false;

  const count = () => {
    idle = null;
    if (!disposed && !editor.isDestroyed) onStats(storyStats(editor.state.doc));
  };
  const whenIdle = () => {
    timer = null;
    if (typeof requestIdleCallback === 'function') idle = requestIdleCallback(count, { timeout: 1000 });
    else count();
  };
  const schedule = (delay: number) => {
    if (timer === null && idle === null) timer = setTimeout(whenIdle, delay);
  };
  const onTransaction = ({ transaction }: { transaction: { docChanged: boolean } }) => {
    if (transaction.docChanged) schedule(intervalMs);
  };

  editor.on('transaction', onTransaction);
  schedule(0);
  return () => {
    disposed = true;
    editor.off('transaction', onTransaction);
    if (timer !== null) clearTimeout(timer);
    if (idle !== null && typeof cancelIdleCallback === 'function') cancelIdleCallback(idle);
  };
}

/** "1,234 words · 7,890 characters · 6 min read" */
export function formatStats(stats: TextStats): string {
  const number = (value: number) => value.toLocaleString('en');
  const words = `${number(stats.words)} ${stats.words === 1 ? 'word' : 'words'}`;
  const characters = `${number(stats.characters)} ${stats.characters === 1 ? 'character' : 'characters'}`;
  return `${words} · ${characters} · ${stats.readingMinutes} min read`;
}
