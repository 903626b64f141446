import { isListField, type MediaField, type MediaFields } from './media-fields';

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

export const TEMPLATE_VARIABLES = ['filename', 'creator', 'date', 'city', 'seq'] as const;

export interface TemplateContext {
  filename: string;
  fields: MediaFields;
  /** ISO date the photo was taken, or ''. */
  takenAt: string;
  /** 1-based position of the photo in the selection. */
  seq: number;
}

/**
 * Fills `{filename}`, `{creator}`, `{date}`, `{city}` and `{seq}` for one
 * photo. Unknown `{names}` stay as typed, so a typo shows instead of vanishing.
 */
export function expandTemplateText(template: string, context: TemplateContext): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    switch (name) {
      case 'filename':
        return context.filename.replace(/\.[^.]+$/, '');
      case 'creator':
        return context.fields.creators.join(', ');
      case 'date':
        return (context.fields.dateCreated || context.takenAt).slice(0, 10);
      case 'city':
        return context.fields.city;
      case 'seq':
        return String(context.seq);
      default:
        return whole;
    }
  });
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
