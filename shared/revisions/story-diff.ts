import type { StorySnapshot } from '../article-body';
import { BYLINE_ROLE_LABELS, STATUS_LABELS, type ArticleFields } from '../model';
import { diffSequences, diffWords, type TextPart } from './sequence-diff';

/**
 * What changed between two versions of a story, for the history panel:
 * every field that differs (with a word diff for text), and the body block by
 * block — unchanged, added, removed, or changed with its words marked.
 */

export interface FieldChange {
  field: string;
  label: string;
  before: string;
  after: string;
  parts: TextPart[];
}

export type BlockChange =
  | { kind: 'same'; label: string; text: string }
  | { kind: 'added' | 'removed'; label: string; text: string }
  | { kind: 'changed'; label: string; parts: TextPart[] };

export interface StoryDiff {
  fields: FieldChange[];
  body: BlockChange[];
}

const FIELD_LABELS: Array<[keyof ArticleFields, string]> = [
  ['kicker', 'Kicker'],
  ['headline', 'Headline'],
  ['teaser', 'Teaser'],
  ['bylines', 'Bylines'],
  ['sources', 'Sources'],
  ['editedBy', 'Edited by'],
  ['section', 'Section'],
  ['status', 'Status'],
  ['tags', 'Tags'],
  ['slug', 'Slug'],
  ['dateline', 'Dateline'],
  ['language', 'Language'],
];

/** A field as one line of text, the way a person reads it. */
export function fieldText(fields: ArticleFields, field: keyof ArticleFields): string {
  switch (field) {
    case 'bylines':
      return fields.bylines
        .map((b) => `${b.name} (${[BYLINE_ROLE_LABELS[b.role] ?? b.role, b.organisation].filter(Boolean).join(', ')})`)
        .join('; ');
    case 'editedBy':
      return fields.editedBy.map((credit) => credit.name).join('; ');
    case 'sources':
    case 'tags':
      return fields[field].join(', ');
    case 'status':
      return STATUS_LABELS[fields.status];
    default: {
      const value = fields[field];
      return typeof value === 'string' ? value : '';
    }
  }
}

interface Block {
  label: string;
  text: string;
}

type JsonNode = { type?: string; text?: string; attrs?: Record<string, unknown>; content?: JsonNode[] };

const LABELS: Record<string, string> = {
  paragraph: 'Paragraph',
  heading: 'Subhead',
  figure: 'Figure',
  pullQuote: 'Pull quote',
  videoEmbed: 'Video',
  horizontalRule: 'Rule',
  factbox: 'Fact box',
};

function inlineText(node: JsonNode): string {
  if (node.type === 'text') return node.text ?? '';
  if (node.type === 'hardBreak') return ' ';
  return (node.content ?? []).map(inlineText).join('');
}

/** The body as a flat list of readable blocks (list items and quotes marked in the label). */
export function bodyBlocks(body: { content?: unknown[] }): Block[] {
  const blocks: Block[] = [];
  const walk = (nodes: JsonNode[], context: string) => {
    for (const node of nodes) {
      const type = node.type ?? '';
      const attrs = node.attrs ?? {};
      if (type === 'bulletList' || type === 'orderedList') walk(node.content ?? [], 'List item');
      else if (type === 'listItem') walk(node.content ?? [], context || 'List item');
      else if (type === 'blockquote') walk(node.content ?? [], 'Quote');
      else if (type === 'factbox') {
        blocks.push({ label: 'Fact box', text: String(attrs.title ?? '') });
        walk(node.content ?? [], 'Fact box');
      } else if (type === 'figure') {
        const details = [`Credit: ${String(attrs.credit ?? '')}`, `Alt text: ${String(attrs.alt ?? '')}`];
        blocks.push({ label: 'Figure', text: [inlineText(node), ...details].join(' · ') });
      } else if (type === 'videoEmbed') {
        blocks.push({ label: 'Video', text: [attrs.title, attrs.source].filter(Boolean).join(' · ') });
      } else if (type === 'horizontalRule') blocks.push({ label: 'Rule', text: '———' });
      else blocks.push({ label: context || LABELS[type] || 'Block', text: inlineText(node) });
    }
  };
  walk((body.content ?? []) as JsonNode[], '');
  return blocks.filter((block) => block.label !== 'Paragraph' || block.text.trim() !== '');
}

export function diffStories(before: StorySnapshot, after: StorySnapshot): StoryDiff {
  const fields: FieldChange[] = [];
  for (const [field, label] of FIELD_LABELS) {
    const a = fieldText(before.fields, field);
    const b = fieldText(after.fields, field);
    if (a !== b) fields.push({ field, label, before: a, after: b, parts: diffWords(a, b) });
  }
  const blocksBefore = bodyBlocks(before.body);
  const blocksAfter = bodyBlocks(after.body);
  const same = (x: Block, y: Block) => x.label === y.label && x.text === y.text;
  const body: BlockChange[] = [];
  const edits = diffSequences(blocksBefore, blocksAfter, same);
  for (let index = 0; index < edits.length; index++) {
    const edit = edits[index]!;
    if (edit.op === 'equal') {
      for (const block of edit.items) body.push({ kind: 'same', ...block });
      continue;
    }
    const next = edits[index + 1];
    if (edit.op === 'delete' && next?.op === 'insert') {
      // A run of removed blocks followed by added ones: pair them up as edits of the same block.
      index++;
      pairChanged(edit.items, next.items, body);
      continue;
    }
    for (const block of edit.items) body.push({ kind: edit.op === 'delete' ? 'removed' : 'added', ...block });
  }
  return { fields, body };
}

function pairChanged(removed: Block[], added: Block[], out: BlockChange[]): void {
  const pairs = Math.min(removed.length, added.length);
  for (let i = 0; i < pairs; i++) {
    const a = removed[i]!;
    const b = added[i]!;
    if (a.label === b.label) out.push({ kind: 'changed', label: b.label, parts: diffWords(a.text, b.text) });
    else {
      out.push({ kind: 'removed', ...a });
      out.push({ kind: 'added', ...b });
    }
  }
  for (const block of removed.slice(pairs)) out.push({ kind: 'removed', ...block });
  for (const block of added.slice(pairs)) out.push({ kind: 'added', ...block });
}
