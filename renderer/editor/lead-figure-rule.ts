import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, type Transaction } from '@tiptap/pm/state';

/**
 * A story has at most one lead image. The schema cannot say so, and two
 * copies merged after each chose a different lead would hold two. After any
 * change the first lead in the story keeps the mark and later ones lose it:
 * a rule every copy applies alike, so merged copies agree. (A pasted figure
 * never brings a lead: the paste cleaner keeps no `data-lead`.)
 */
export const LeadFigureRule = Extension.create({
  name: 'leadFigureRule',
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey('leadFigureRule'),
        appendTransaction: (transactions, _before, state) => {
          if (!transactions.some((tr) => tr.docChanged)) return null;
          let seen = false;
          let fix: Transaction | null = null;
          state.doc.descendants((node, pos) => {
            if (node.type.name !== 'figure') return !node.isTextblock;
            if (node.attrs.lead) {
              if (seen) (fix ??= state.tr).setNodeMarkup(pos, undefined, { ...node.attrs, lead: false });
              seen = true;
            }
            return false;
          });
          // A repair, not something the person did: undo must not bring the second lead back.
          return fix ? (fix as Transaction).setMeta('addToHistory', false) : null;
        },
      }),
    ];
  },
});
