import type { BodyJson, StorySnapshot } from '../article-body';
import { REVIEW_MARK, REVIEW_ONLY_MARKS, UNPUBLISHED_MARKS } from './review-mark-names';

/**
 * The story as it stands, without its review layer (ADR 0072): what every
 * exporter, the published word count and the newsroom's outputs read.
 * Pending suggestions are as if rejected — suggested insertions left out,
 * suggested deletions kept, suggested formatting undone — and editor's
 * notes (their text) and legal flags (the mark, not the text) are dropped.
 */

interface JsonMark {
  type: string;
  attrs?: Record<string, unknown>;
}

interface JsonNode {
  type: string;
  text?: string;
  marks?: JsonMark[];
  content?: JsonNode[];
  attrs?: Record<string, unknown>;
}

/** Whether a text run with these marks is left out of the story as published. */
export function isUnpublishedRun(markNames: Iterable<string>): boolean {
  for (const name of markNames) if (UNPUBLISHED_MARKS.has(name)) return true;
  return false;
}

function formatNames(value: unknown): string[] {
  return typeof value === 'string' ? value.split(' ').filter(Boolean) : [];
}

/** A text run's marks as published: review marks dropped, a suggested formatting change undone. */
function publishedMarks(marks: JsonMark[]): JsonMark[] | undefined {
  const format = marks.find((mark) => mark.type === REVIEW_MARK.format);
  const added = new Set(formatNames(format?.attrs?.added));
  const kept = marks.filter((mark) => !REVIEW_ONLY_MARKS.has(mark.type) && !added.has(mark.type));
  for (const name of formatNames(format?.attrs?.removed)) if (!kept.some((mark) => mark.type === name)) kept.push({ type: name });
  return kept.length > 0 ? kept : undefined;
}

function hasReview(node: JsonNode): boolean {
  if (node.marks?.some((mark) => UNPUBLISHED_MARKS.has(mark.type) || REVIEW_ONLY_MARKS.has(mark.type))) return true;
  return node.content?.some(hasReview) ?? false;
}

function publishNode(node: JsonNode): JsonNode | null {
  if (node.type === 'text') {
    const names = (node.marks ?? []).map((mark) => mark.type);
    if (isUnpublishedRun(names)) return null;
    const marks = node.marks ? publishedMarks(node.marks) : undefined;
    const { marks: _dropped, ...rest } = node;
    return marks ? { ...rest, marks } : rest;
  }
  if (!node.content) return node;
  const content = node.content.map(publishNode).filter((child): child is JsonNode => child !== null);
  // A paragraph that held only a note is not published as an empty paragraph.
  if (content.length === 0 && node.content.length > 0 && node.type === 'paragraph') return null;
  return { ...node, content };
}

/** The body without its review layer. Returns the same object when there is none (the usual case). */
export function publishableBody(body: BodyJson): BodyJson {
  const root = body as unknown as JsonNode;
  if (!hasReview(root)) return body;
  return (publishNode(root) ?? { type: 'doc', content: [] }) as unknown as BodyJson;
}

export function publishableStory(story: StorySnapshot): StorySnapshot {
  const body = publishableBody(story.body);
  return body === story.body ? story : { ...story, body };
}
