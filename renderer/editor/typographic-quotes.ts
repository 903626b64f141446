import { Extension, InputRule } from '@tiptap/core';
import { typographicQuote } from '../../shared/typography';

export interface TypographicQuotesOptions {
  /** The story's language now (it can change while the editor is open). */
  language: () => string;
  /** Settings › Editing › Typographic quotes while typing, now. */
  enabled: () => boolean;
}

/**
 * Typing " or ' in the body gives the story language's quotation marks and
 * apostrophe (shared/typography.ts). An input rule: it runs on typed text
 * only, so pasted and imported text keep the marks they came with, and
 * Backspace right after turns the curly mark back into the straight one.
 */
export const TypographicQuotes = Extension.create<TypographicQuotesOptions>({
  name: 'typographicQuotes',

  addOptions() {
    return { language: () => 'en', enabled: () => true };
  },

  addInputRules() {
    return [
      new InputRule({
        find: /["']$/,
        handler: ({ state, range, match }) => {
          if (!this.options.enabled()) return null;
          const typed = match[0] as '"' | "'";
          const before = (match.input ?? '').slice(0, -1);
          state.tr.insertText(typographicQuote(typed, before, this.options.language()), range.from, range.to);
        },
      }),
    ];
  },
});
