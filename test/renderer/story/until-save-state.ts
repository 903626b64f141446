import type { OpenArticle, SaveState } from '../../../renderer/story/open-article';

/** Resolves once the story's save state is `kind` (at once if it already is). */
export function untilSaveState(article: OpenArticle, kind: SaveState['kind']): Promise<void> {
  if (article.saveState.kind === kind) return Promise.resolve();
  return new Promise((resolve) => {
    const off = article.onSaveState((state) => {
      if (state.kind !== kind) return;
      off();
      resolve();
    });
  });
}
