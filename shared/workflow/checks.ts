import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import type { FieldLimits } from '../config';
import { checkLimit } from '../limits';
import type { ArticleFields, Status } from '../model';
import { STATUS_LABELS } from '../model';
import { findMarkers, type MarkerHit } from './markers';
import type * as Y from 'yjs';
import { bodyNodeFromJson, readBodyJson } from '../article-body';
import { readArticleFields } from '../article-doc';
import { readThreads, type CommentThread } from '../review/comments';
import { FIELD_LABELS, listFieldSuggestions, type FieldSuggestion } from '../review/field-suggestions';
import { REVIEW_MARK } from '../review/review-mark-names';
import { describeSuggestion, listSuggestions } from '../review/suggestions';
import { RULE_IDS, RULE_LABELS, isCheckedStatus, type FindingLevel, type RuleId, type WorkflowRules } from './rules';

/**
 * The ready checks as pure functions, in the style of the Guardian's
 * prosemirror-elements validators: each reads the story and returns what is
 * wrong, with where it is; `checkStory` adds the level the newsroom set.
 * Core runs them to decide a move; the renderer runs the very same ones to
 * keep its checklist live while the person fixes things.
 */

/** Where a finding is, so the checklist can take the person there. */
export type FindingPlace =
  /** `range`: which characters of the field's text, when the check matched there. */
  | { field: 'headline' | 'kicker' | 'teaser' | 'bylines'; range?: TextRange }
  /**
   * `pos`: the node's position in the body document; `label`: how a person finds it ("Figure 2");
   * `range`: positions in the body document of what the check matched, when it knows;
   * `threadId`: a comment thread, whose anchor only the editor's binding can place.
   */
  | { field: 'body'; pos: number; label: string; range?: TextRange; threadId?: string };

/** From `from` up to (not including) `to`. */
export interface TextRange {
  from: number;
  to: number;
}

export interface Finding {
  rule: RuleId;
  level: FindingLevel;
  message: string;
  where: FindingPlace;
}

export interface StoryToCheck {
  fields: Pick<ArticleFields, 'headline' | 'kicker' | 'teaser' | 'bylines'>;
  /** The body as a ProseMirror document of the newsroom schema. */
  body: ProseMirrorNode;
  /** Comment threads not resolved yet (absent: none known). */
  openComments?: ReadonlyArray<Pick<CommentThread, 'id' | 'field' | 'quote' | 'authorName'>>;
  /** Suggested replacements of the headline, kicker or teaser (absent: none known). */
  fieldSuggestions?: ReadonlyArray<Pick<FieldSuggestion, 'field' | 'text' | 'authorName'>>;
}

/** A story's document read for the checks: what core checks a move on and what the checklist shows live. */
export function storyToCheck(doc: Y.Doc): StoryToCheck {
  return {
    fields: readArticleFields(doc),
    body: bodyNodeFromJson(readBodyJson(doc)),
    openComments: readThreads(doc).filter((thread) => !thread.resolved),
    fieldSuggestions: listFieldSuggestions(doc),
  };
}

type Problem = Omit<Finding, 'rule' | 'level'>;
type Validator = (story: StoryToCheck, limits: FieldLimits) => Problem[];

interface BodyNode {
  node: ProseMirrorNode;
  pos: number;
  /** 1-based among nodes of its kind, for labels. */
  ordinal: number;
}

function bodyNodes(body: ProseMirrorNode, accept: (node: ProseMirrorNode) => boolean): BodyNode[] {
  const found: BodyNode[] = [];
  body.descendants((node, pos) => {
    if (accept(node)) found.push({ node, pos, ordinal: found.length + 1 });
    return true;
  });
  return found;
}

const figures = (body: ProseMirrorNode) => bodyNodes(body, (node) => node.type.name === 'figure');
const attr = (node: ProseMirrorNode, name: string) => String(node.attrs[name] ?? '').trim();

function figureRule(test: (figure: ProseMirrorNode) => boolean, what: string): Validator {
  return ({ body }) =>
    figures(body)
      .filter(({ node }) => !test(node))
      .map(({ pos, ordinal }) => ({ message: `Figure ${ordinal} has no ${what}.`, where: { field: 'body', pos, label: `Figure ${ordinal}` } }));
}

const BLOCK_LABELS: Record<string, string> = {
  paragraph: 'Paragraph',
  heading: 'Subhead',
  figure: 'Caption of figure',
  pullQuote: 'Pull quote',
  blockquote: 'Quote',
  listItem: 'List item',
  factbox: 'Fact box',
  videoEmbed: 'Video',
};

/** Stands for an inline leaf node in a text block's text: not a letter, so no word runs across it. */
const INLINE_LEAF = '\ufffc';

/**
 * Text blocks with their own text (not containers), numbered by kind. For a
 * text block, character i of `text` is at body position `pos + 1 + i`; a
 * video's text is its title attribute, which has no positions.
 */
function textBlocks(body: ProseMirrorNode): Array<BodyNode & { text: string; label: string }> {
  const counts = new Map<string, number>();
  const result: Array<BodyNode & { text: string; label: string }> = [];
  body.descendants((node, pos) => {
    const name = node.type.name;
    const countable = node.isTextblock || name === 'videoEmbed' || name === 'factbox';
    if (!countable) return true;
    const ordinal = (counts.get(name) ?? 0) + 1;
    counts.set(name, ordinal);
    // One character per inline leaf (a line break), so an index into the text is an offset into the node.
    const text = node.isTextblock ? node.textBetween(0, node.content.size, undefined, INLINE_LEAF) : attr(node, 'title');
    result.push({ node, pos, ordinal, text, label: `${BLOCK_LABELS[name] ?? 'Block'} ${ordinal}` });
    return name === 'factbox';
  });
  return result;
}

const VALIDATORS: Record<RuleId, Validator> = {
  'headline-present': ({ fields }) =>
    fields.headline.trim() === '' ? [{ message: 'The story has no headline.', where: { field: 'headline' } }] : [],
  'field-limits': ({ fields }, limits) =>
    (['headline', 'kicker', 'teaser'] as const).flatMap((field) => {
      const label = field[0]!.toUpperCase() + field.slice(1);
      const check = checkLimit(label, fields[field], limits[field]);
      return check.level === 'error' ? [{ message: check.message, where: { field } }] : [];
    }),
  'teaser-present': ({ fields }) =>
    fields.teaser.trim() === '' ? [{ message: 'The story has no teaser.', where: { field: 'teaser' } }] : [],
  'byline-present': ({ fields }) =>
    fields.bylines.some((byline) => byline.name.trim() !== '')
      ? []
      : [{ message: 'The story has no byline.', where: { field: 'bylines' } }],
  'figure-image': figureRule((figure) => Boolean(figure.attrs.media), 'picture chosen'),
  'figure-caption': figureRule((figure) => figure.textContent.trim() !== '', 'caption'),
  'figure-credit': figureRule((figure) => attr(figure, 'credit') !== '', 'credit'),
  'figure-alt': figureRule((figure) => attr(figure, 'alt') !== '', 'alt text'),
  'empty-subhead': ({ body }) =>
    bodyNodes(body, (node) => node.type.name === 'heading').flatMap(({ node, pos, ordinal }) =>
      node.textContent.trim() === '' ? [{ message: `Subhead ${ordinal} is empty.`, where: { field: 'body' as const, pos, label: `Subhead ${ordinal}` } }] : [],
    ),
  'unresolved-markers': ({ fields, body }) => {
    const problems: Problem[] = [];
    // "Go to" selects the first placeholder itself, not just its field or paragraph.
    for (const field of ['kicker', 'headline', 'teaser'] as const) {
      const hits = findMarkers(fields[field]);
      if (hits.length) problems.push({ message: `The ${field} still holds ${quoteMarkers(hits)}.`, where: { field, range: hitRange(hits[0]!, 0) } });
    }
    for (const block of textBlocks(body)) {
      const hits = findMarkers(block.text);
      if (!hits.length) continue;
      const range = block.node.isTextblock ? hitRange(hits[0]!, block.pos + 1) : undefined;
      problems.push({ message: `${block.label} still holds ${quoteMarkers(hits)}.`, where: { field: 'body', pos: block.pos, label: block.label, ...(range ? { range } : {}) } });
    }
    return problems;
  },
  'no-open-suggestions': ({ body, fieldSuggestions = [] }) => [
    ...fieldSuggestions.map((suggestion) => ({
      message: `${FIELD_LABELS[suggestion.field]}: ${suggestion.authorName || 'someone'} suggests “${clip(suggestion.text)}”.`,
      where: { field: suggestion.field },
    })),
    ...listSuggestions(body).map((suggestion) => {
      const block = blockAt(body, suggestion.from);
      return {
        message: `${block.label}: ${suggestion.authorName || 'someone'} suggests: ${describeSuggestion(suggestion)}.`,
        where: { field: 'body' as const, pos: block.pos, label: block.label, range: { from: suggestion.from, to: suggestion.ranges[suggestion.ranges.length - 1]!.to } },
      };
    }),
  ],
  'no-unresolved-comments': ({ openComments = [] }) =>
    openComments.map((thread) => {
      const message = `${thread.authorName || 'Someone'} commented on “${clip(thread.quote)}” and it is not resolved.`;
      return thread.field === 'body' ? { message, where: { field: 'body' as const, pos: 0, label: 'Comments', threadId: thread.id } } : { message, where: { field: thread.field } };
    }),
  'no-legal-flags': ({ body }) =>
    markedRuns(body, REVIEW_MARK.legalFlag).map((run) => {
      const block = blockAt(body, run.from);
      return { message: `${block.label} has text flagged for legal: “${clip(run.text)}”.`, where: { field: 'body' as const, pos: block.pos, label: block.label, range: { from: run.from, to: run.to } } };
    }),
};

/** The text block holding a body position, with its checklist label ("Paragraph 3"). */
function blockAt(body: ProseMirrorNode, pos: number): { pos: number; label: string } {
  const found = textBlocks(body).find((block) => pos > block.pos && pos < block.pos + block.node.nodeSize);
  return found ? { pos: found.pos, label: found.label } : { pos: 0, label: 'The text' };
}

/** Runs of text carrying a mark, neighbouring runs joined. */
function markedRuns(body: ProseMirrorNode, markName: string): Array<TextRange & { text: string }> {
  const runs: Array<TextRange & { text: string }> = [];
  body.descendants((node, pos) => {
    if (!node.isText) return true;
    if (!node.marks.some((mark) => mark.type.name === markName)) return false;
    const last = runs[runs.length - 1];
    if (last && last.to === pos) {
      last.to = pos + node.nodeSize;
      last.text += node.text ?? '';
    } else runs.push({ from: pos, to: pos + node.nodeSize, text: node.text ?? '' });
    return false;
  });
  return runs;
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

function hitRange(hit: MarkerHit, start: number): TextRange {
  return { from: start + hit.index, to: start + hit.index + hit.marker.length };
}

function quoteMarkers(hits: Array<{ marker: string }>): string {
  const unique = [...new Set(hits.map((hit) => hit.marker))].slice(0, 3);
  return unique.map((marker) => `“${marker}”`).join(', ');
}

export interface CheckResult {
  target: Status;
  /** Every rule that applied, passed or not, for a checklist that shows what was checked. */
  rules: Array<{ rule: RuleId; label: string; level: FindingLevel }>;
  findings: Finding[];
}

/** Checks a story against the rules for moving it to `target`. Statuses without rules pass. */
export function checkStory(story: StoryToCheck, target: Status, rules: WorkflowRules, limits: FieldLimits): CheckResult {
  if (!isCheckedStatus(target)) return { target, rules: [], findings: [] };
  const levels = rules[target];
  const applied: CheckResult['rules'] = [];
  const findings: Finding[] = [];
  for (const rule of RULE_IDS) {
    const level = levels[rule];
    if (level === 'off') continue;
    applied.push({ rule, label: RULE_LABELS[rule], level });
    for (const problem of VALIDATORS[rule](story, limits)) findings.push({ rule, level, ...problem });
  }
  return { target, rules: applied, findings };
}

export function hasErrors(result: CheckResult): boolean {
  return result.findings.some((finding) => finding.level === 'ERROR');
}

/** Warning rules the person has not acknowledged; a move waits for them. */
export function unacknowledgedWarnings(result: CheckResult, acknowledged: readonly RuleId[]): RuleId[] {
  const open = result.findings.filter((finding) => finding.level === 'WARN' && !acknowledged.includes(finding.rule));
  return [...new Set(open.map((finding) => finding.rule))];
}

/** One sentence for a refused move, naming the problems. */
export function describeRefusal(result: CheckResult): string {
  const errors = result.findings.filter((finding) => finding.level === 'ERROR');
  const shown = (errors.length ? errors : result.findings).slice(0, 3).map((finding) => finding.message);
  const more = (errors.length || result.findings.length) - shown.length;
  const target = STATUS_LABELS[result.target];
  const lead = errors.length ? `The story cannot move to ${target} yet:` : `Confirm the warnings before moving the story to ${target}:`;
  return `${lead} ${shown.join(' ')}${more > 0 ? ` (and ${more} more)` : ''}`;
}
