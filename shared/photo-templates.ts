import { isListField, MEDIA_FIELDS, type MediaField, type MediaFields } from './media-fields';

/**
 * Caption templates and code replacements of the photo desk, as pure
 * functions over plain data, so the renderer, core and tests agree.
 */

export interface CaptionTemplate {
  id: string;
  name: string;
  /** Only ticked fields are applied; the rest of each photo is left alone. */
  fields: Array<{ field: MediaField; value: string; apply: boolean }>;
}

export interface CodeReplacement {
  /** Typed between equals signs, e.g. "afp" for `=afp=`. */
  code: string;
  text: string;
}

/**
 * How a template meets text a photo already has: `empty` writes only fields
 * that are empty (an agency's caption and credit survive), `replace`
 * overwrites them. The person's last choice is remembered (photo desk settings).
 */
export const TEMPLATE_MODES = ['empty', 'replace'] as const;
export type TemplateMode = (typeof TEMPLATE_MODES)[number];

/** Variables of their own; besides them, every field is a variable by its name ({headline}, {credit}, …). */
export const TEMPLATE_VARIABLES = ['filename', 'creator', 'date', 'city', 'seq'] as const;

export interface TemplateContext {
  filename: string;
  fields: MediaFields;
  /** ISO date the photo was taken, or ''. */
  takenAt: string;
  /** 1-based position of the photo in the selection. */
  seq: number;
}

/** A variable's value for one photo, or null when `name` is no variable (it then stays as typed). */
function variableValue(name: string, context: TemplateContext): string | null {
  switch (name) {
    case 'filename':
      return context.filename.replace(/\.[^.]+$/, '');
    case 'creator':
      return context.fields.creators.join(', ');
    case 'date':
      return (context.fields.dateCreated || context.takenAt).slice(0, 10);
    case 'seq':
      return String(context.seq);
  }
  if (!(MEDIA_FIELDS as readonly string[]).includes(name)) return null;
  const value = context.fields[name as MediaField];
  return Array.isArray(value) ? value.join(', ') : value.trim();
}

type Piece = { text: string; variable: boolean };

/** Punctuation and spaces that only join a variable to its neighbours; brackets and words are not among them. */
const JOINER = /[\s,;:.\-–—/|·•]/u;
const BRACKETS: Record<string, string> = { '(': ')', '[': ']', '«': '»', '“': '”', '‘': '’', '"': '"', '„': '“' };

function leadingJoiners(text: string): number {
  let n = 0;
  while (n < text.length && JOINER.test(text[n]!)) n++;
  return n;
}

function trailingJoiners(text: string): number {
  let n = 0;
  while (n < text.length && JOINER.test(text[text.length - 1 - n]!)) n++;
  return n;
}

/** Whether the pieces hold anything but joiners: a filled variable or a word. */
function hasContent(pieces: readonly Piece[]): boolean {
  return pieces.some((piece) => (piece.variable ? piece.text !== '' : leadingJoiners(piece.text) < piece.text.length));
}

/**
 * Fills `{filename}`, `{creator}`, `{date}`, `{seq}` and any field by its
 * name (`{city}`, `{headline}`, `{credit}`…) for one photo. Unknown
 * `{names}` stay as typed, so a typo shows instead of vanishing.
 *
 * A variable that is empty takes its punctuation with it, so a photo without
 * a city does not get ": Syria's interim President … ()": brackets around it
 * go, and so do the joiners (spaces, `,` `:` `-` …) that tied it to the
 * text before it — or to the text after it when nothing comes before.
 */
export function expandTemplateText(template: string, context: TemplateContext): string {
  const pieces: Piece[] = [];
  let at = 0;
  for (const match of template.matchAll(/\{(\w+)\}/g)) {
    const value = variableValue(match[1]!, context);
    if (value === null) continue;
    if (match.index > at) pieces.push({ text: template.slice(at, match.index), variable: false });
    pieces.push({ text: value, variable: true });
    at = match.index + match[0].length;
  }
  if (at < template.length) pieces.push({ text: template.slice(at), variable: false });

  pieces.forEach((piece, index) => {
    if (!piece.variable || piece.text !== '') return;
    const before = pieces[index - 1]?.variable === false ? pieces[index - 1]! : null;
    const after = pieces[index + 1]?.variable === false ? pieces[index + 1]! : null;
    // "({credit})" → "": the brackets around an empty variable go with it.
    const open = before?.text.at(-1);
    if (before && after && open !== undefined && BRACKETS[open] !== undefined && after.text.startsWith(BRACKETS[open]!)) {
      before.text = before.text.slice(0, -1);
      after.text = after.text.slice(BRACKETS[open]!.length);
    }
    if (hasContent(pieces.slice(0, index))) {
      // "{city}, {state}, {country}" without a state: the joiner before it goes, the one after stays.
      // At the end, what closes the sentence stays: "{headline}, {credit}." without a credit is "Headline.".
      if (before) before.text = before.text.slice(0, before.text.length - trailingJoiners(before.text));
    } else {
      // Nothing before it: "{city}: {headline}" without a city starts at the headline.
      if (before) before.text = before.text.slice(0, before.text.length - trailingJoiners(before.text));
      if (after) after.text = after.text.slice(leadingJoiners(after.text));
    }
  });
  return pieces.map((piece) => piece.text).join('');
}

/** The fields a template changes on one photo (ticked fields only, variables filled). */
export function applyTemplate(template: CaptionTemplate, context: TemplateContext): Partial<MediaFields> {
  const patch: Partial<Record<MediaField, string | string[]>> = {};
  for (const entry of template.fields) {
    if (!entry.apply) continue;
    const value = expandTemplateText(entry.value, context);
    patch[entry.field] = isListField(entry.field) ? splitList(value) : value;
  }
  return patch as Partial<MediaFields>;
}

/** What applying a template does to one field of one photo. */
export interface TemplateFieldChange {
  field: MediaField;
  current: string | string[];
  next: string | string[];
  /** `write`: changes; `kept`: has text and the mode fills empty fields only; `same`: already holds the new value. */
  outcome: 'write' | 'kept' | 'same';
}

/** A field with nothing in it: blank text, or a list without items. */
export function isEmptyFieldValue(value: string | readonly string[]): boolean {
  return typeof value === 'string' ? value.trim() === '' : value.every((item) => item.trim() === '');
}

export function sameFieldValue(a: string | readonly string[], b: string | readonly string[]): boolean {
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

/**
 * A template's filled-in values met with a photo's current ones, field by
 * field: the preview shows this, and core decides with the same function,
 * against the document as it is when the template is applied.
 */
export function templateChanges(proposed: Partial<MediaFields>, current: MediaFields, mode: TemplateMode): TemplateFieldChange[] {
  const changes: TemplateFieldChange[] = [];
  for (const field of MEDIA_FIELDS) {
    const next = proposed[field];
    if (next === undefined) continue;
    const now = current[field];
    const outcome = sameFieldValue(now, next) ? 'same' : mode === 'empty' && !isEmptyFieldValue(now) ? 'kept' : 'write';
    changes.push({ field, current: now, next, outcome });
  }
  return changes;
}

/** The fields of `changes` that are written. */
export function writtenFields(changes: readonly TemplateFieldChange[]): Partial<MediaFields> {
  return Object.fromEntries(changes.filter((change) => change.outcome === 'write').map((change) => [change.field, change.next])) as Partial<MediaFields>;
}

/** A list typed as text: items separated by commas or semicolons. */
export function splitList(text: string): string[] {
  return text
    .split(/[,;]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

const CODE = /=([\p{L}\p{N}_-]{1,20})=/gu;

/**
 * Expands `=code=` into its text as the person types. Returns the new text
 * and where the caret should go (it moves with the text before it).
 */
export function expandCodes(text: string, caret: number, codes: readonly CodeReplacement[]): { text: string; caret: number } {
  if (codes.length === 0 || !text.includes('=')) return { text, caret };
  const byCode = new Map(codes.map((entry) => [entry.code.toLocaleLowerCase(), entry.text]));
  let shift = 0;
  const next = text.replace(CODE, (whole, code: string, offset: number) => {
    const replacement = byCode.get(code.toLocaleLowerCase());
    if (replacement === undefined) return whole;
    if (offset < caret) shift += replacement.length - whole.length;
    return replacement;
  });
  return { text: next, caret: Math.max(0, caret + shift) };
}
