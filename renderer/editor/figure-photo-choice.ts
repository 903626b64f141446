/**
 * Choosing a photo for a figure that already has words of its own (an
 * imported story's figure keeps caption, credit and alt text but lost its
 * picture): the figure's text is the story's, so the photo's does not simply
 * overwrite it. Which fields to ask about, and what the figure ends up with.
 */

export const FIGURE_TEXT_FIELDS = ['caption', 'credit', 'alt'] as const;
export type FigureTextField = (typeof FIGURE_TEXT_FIELDS)[number];
export type FigureTexts = Record<FigureTextField, string>;
export type FigureTextSource = 'figure' | 'photo';

export const FIGURE_TEXT_LABELS: Record<FigureTextField, string> = { caption: 'Caption', credit: 'Credit', alt: 'Alt text' };

/** Text as a caption holds it: one line, no stray spaces (a photo's caption may have line breaks). */
export function normalizeFigureText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The fields where the figure and the photo both have text and it differs:
 * only there is there a choice. An empty figure field takes the photo's (as
 * before), and an empty photo field never erases the figure's.
 */
export function fieldsToAsk(figure: FigureTexts, photo: FigureTexts): FigureTextField[] {
  return FIGURE_TEXT_FIELDS.filter((field) => {
    const own = normalizeFigureText(figure[field]);
    const theirs = normalizeFigureText(photo[field]);
    return own !== '' && theirs !== '' && own !== theirs;
  });
}

/**
 * Where each field's text comes from. `choices` holds the person's answers
 * for the asked fields; an asked field without an answer keeps the figure's.
 */
export function figureTextSources(figure: FigureTexts, photo: FigureTexts, choices: Partial<Record<FigureTextField, FigureTextSource>> = {}): Record<FigureTextField, FigureTextSource> {
  const asked = new Set(fieldsToAsk(figure, photo));
  return Object.fromEntries(
    FIGURE_TEXT_FIELDS.map((field) => {
      if (asked.has(field)) return [field, choices[field] ?? 'figure'];
      return [field, normalizeFigureText(figure[field]) === '' ? 'photo' : 'figure'];
    }),
  ) as Record<FigureTextField, FigureTextSource>;
}
