import * as Y from 'yjs';
import { articleParts } from '../../../shared/article-doc';
import { rivalsOf } from '../../../shared/field-rewrites';
import { base64ToBytes, bytesToBase64 } from '../../../shared/base64';
import type { Core, CoreSession } from '../../../electron/core/core';
import type { Random } from '../../helpers/random';

const REMOTE = Symbol('remote');

/** Tokens a fuzz client inserted, and the ones it deliberately deleted. */
export interface TokenLedger {
  inserted: Map<string, string>;
  deleted: Set<string>;
}

/**
 * One fuzz client's editor on a story, as the renderer has it: its own
 * Y.Doc, changes sent with article.update and awaited, changes from core
 * (other sessions, sync) applied as they arrive.
 */
export class FuzzEditor {
  readonly doc = new Y.Doc();
  private pending: Uint8Array[] = [];

  private constructor(
    readonly storyId: string,
    private readonly session: CoreSession,
  ) {}

  static async open(session: CoreSession, storyId: string, events: Map<string, FuzzEditor>): Promise<FuzzEditor> {
    const editor = new FuzzEditor(storyId, session);
    const opened = await session.invoke('article.open', { id: storyId });
    if (!opened.ok) throw new Error(opened.error.message);
    Y.applyUpdate(editor.doc, base64ToBytes((opened.value as { state: string }).state), REMOTE);
    editor.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== REMOTE) editor.pending.push(update);
    });
    events.set(storyId, editor);
    return editor;
  }

  /** Applies an `article.updated` event from core. */
  receive(update: string): void {
    Y.applyUpdate(this.doc, base64ToBytes(update), REMOTE);
  }

  async edit(fn: (doc: Y.Doc) => void): Promise<void> {
    this.doc.transact(() => fn(this.doc));
    while (this.pending.length) {
      const update = Y.mergeUpdates(this.pending.splice(0));
      const result = await this.session.invoke('article.update', { id: this.storyId, update: bytesToBase64(update) });
      if (!result.ok) throw new Error(`article.update refused: ${result.error.message}`);
    }
  }
}

/** Plain text of a Y.XmlText or Y.Text (formatting ignored). */
export function plain(text: Y.XmlText | Y.Text): string {
  return (text.toDelta() as Array<{ insert: unknown }>).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');
}

/** Positions where a new " token" may go without splitting another token: before a space, or at the end. */
function boundaries(text: string): number[] {
  const spots = [text.length];
  for (let i = 0; i < text.length; i++) if (text[i] === ' ') spots.push(i);
  return spots;
}

function paragraphs(doc: Y.Doc): Y.XmlText[] {
  return articleParts(doc)
    .body.toArray()
    .filter((node): node is Y.XmlElement => node instanceof Y.XmlElement && node.nodeName === 'paragraph')
    .map((paragraph) => paragraph.get(0))
    .filter((text): text is Y.XmlText => text instanceof Y.XmlText);
}

/**
 * One random edit of the kinds editors make: text in paragraphs and the
 * headline, deletions of whole tokens, bold, new paragraphs, figures (added
 * with a caption, or removed whole), tags and single-value metadata.
 * Text is only ever added at token boundaries, so every token stays intact
 * unless someone deletes it on purpose.
 */
export function randomEdit(doc: Y.Doc, random: Random, nextToken: () => string, ledger: TokenLedger): void {
  const parts = articleParts(doc);
  const roll = random.next();
  const texts = paragraphs(doc);
  const insertInto = (text: Y.XmlText | Y.Text, where: string) => {
    const token = nextToken();
    const spots = boundaries(plain(text));
    text.insert(random.pick(spots), ` ${token}`);
    ledger.inserted.set(token, where);
  };
  const deleteFrom = (text: Y.XmlText | Y.Text): boolean => {
    const current = plain(text);
    const candidates = [...current.matchAll(/ (k\d+x\d+q)/g)];
    if (candidates.length === 0) return false;
    const match = random.pick(candidates);
    text.delete(match.index!, match[0].length);
    ledger.deleted.add(match[1]!);
    return true;
  };

  if (roll < 0.34 && texts.length > 0) return insertInto(random.pick(texts), 'body');
  if (roll < 0.44 && texts.length > 0 && deleteFrom(random.pick(texts))) return;
  if (roll < 0.54 && texts.length > 0) {
    const text = random.pick(texts);
    const length = plain(text).length;
    if (length > 2) {
      const from = random.int(length - 1);
      text.format(from, 1 + random.int(Math.min(12, length - from)), { bold: random.chance(0.7) ? true : null });
    }
    return;
  }
  if (roll < 0.62) {
    const paragraph = new Y.XmlElement('paragraph');
    const token = nextToken();
    paragraph.insert(0, [new Y.XmlText(`${token}`)]);
    ledger.inserted.set(token, 'body');
    parts.body.insert(random.int(parts.body.length + 1), [paragraph]);
    return;
  }
  if (roll < 0.68) {
    const figure = new Y.XmlElement('figure');
    figure.setAttribute('media', random.int(16).toString(16).repeat(64));
    figure.setAttribute('credit', `Photo ${random.int(100)}`);
    const token = nextToken();
    figure.insert(0, [new Y.XmlText(`${token}`)]);
    ledger.inserted.set(token, 'body');
    parts.body.insert(random.int(parts.body.length + 1), [figure]);
    return;
  }
  if (roll < 0.71) {
    const figures = parts.body.toArray().flatMap((node, index) => (node instanceof Y.XmlElement && node.nodeName === 'figure' ? [{ node, index }] : []));
    if (figures.length > 0) {
      const { node, index } = random.pick(figures);
      for (const match of plain(node.get(0) as Y.XmlText).matchAll(/(k\d+x\d+q)/g)) ledger.deleted.add(match[1]!);
      parts.body.delete(index, 1);
    }
    return;
  }
  if (roll < 0.83) return insertInto(parts.headline, 'headline');
  if (roll < 0.87) {
    deleteFrom(parts.headline);
    return;
  }
  if (roll < 0.93) {
    const token = nextToken();
    parts.tags.push([token]);
    ledger.inserted.set(token, 'tags');
    return;
  }
  if (roll < 0.95 && parts.tags.length > 0) {
    const index = random.int(parts.tags.length);
    ledger.deleted.add(parts.tags.get(index));
    parts.tags.delete(index, 1);
    return;
  }
  parts.meta.set(random.pick(['section', 'slug', 'dateline'] as const), random.pick(['World', 'Politics', 'Moscow', 'Damascus', '']));
}

/** Every token visible in the story: paragraphs, captions, headline, tags. */
export function visibleTokens(core: Core, storyId: string): string[] {
  const doc = core.internals.docs.load(`article:${storyId}`)!;
  try {
    const parts = articleParts(doc);
    const chunks: string[] = [plain(parts.headline), ...parts.tags.toArray()];
    const walk = (node: Y.XmlElement | Y.XmlFragment) => {
      for (const child of node.toArray()) {
        if (child instanceof Y.XmlText) chunks.push(plain(child));
        else if (child instanceof Y.XmlElement) walk(child);
      }
    };
    walk(parts.body);
    return chunks.flatMap((chunk) => [...chunk.matchAll(/(k\d+x\d+q)/g)].map((match) => match[1]!));
  } finally {
    doc.destroy();
  }
}

/**
 * The headline as it stands and the versions of it the server set aside
 * (ADR 0061): when two clients rewrote most of one headline offline, the
 * server keeps one whole and offers the other as a rival version. A token
 * of the set-aside version is offered, not lost; a token the loser deleted
 * may stand in the kept one.
 */
export function headlineTokens(core: Core, storyId: string): { standing: string[]; offered: string[] } {
  const doc = core.internals.docs.load(`article:${storyId}`)!;
  try {
    const tokens = (text: string) => [...text.matchAll(/(k\d+x\d+q)/g)].map((match) => match[1]!);
    return {
      standing: tokens(plain(articleParts(doc).headline)),
      offered: rivalsOf(doc, 'headline').flatMap(({ rival }) => tokens(rival.text)),
    };
  } finally {
    doc.destroy();
  }
}
