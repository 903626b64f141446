import type * as Y from 'yjs';
import { slugify } from '../slug';
import { useYMapValue, useYText } from '../use-y';

/** The URL slug: typed freely, tidied when the field is left, or taken from the headline. */
export function SlugField({ meta, headline, readOnly }: { meta: Y.Map<string | null>; headline: Y.Text; readOnly?: boolean }) {
  const slug = useYMapValue(meta, 'slug') ?? '';
  const suggestion = slugify(useYText(headline));
  const set = (value: string) => meta.doc?.transact(() => meta.set('slug', value));
  return (
    <div className="field">
      <label className="field-label" htmlFor="inspector-slug">
        Slug
      </label>
      <div className="input-row">
        <input
          id="inspector-slug"
          className="input input-mono"
          dir="ltr"
          value={slug}
          readOnly={readOnly}
          spellCheck={false}
          placeholder={suggestion || 'words-joined-by-hyphens'}
          aria-describedby="inspector-slug-hint"
          onChange={(event) => set(event.target.value)}
          onBlur={() => {
            const tidy = slugify(slug);
            // Only tidy what can be tidied: a slug in a script slugify cannot fold stays as typed.
            if (tidy && tidy !== slug) set(tidy);
          }}
        />
        <button type="button" className="button" disabled={readOnly || !suggestion || suggestion === slug} onClick={() => set(suggestion)}>
          From headline
        </button>
      </div>
      <p id="inspector-slug-hint" className="field-hint">
        {suggestion && suggestion !== slug ? `Lowercase words joined by hyphens. From the headline: ${suggestion}` : 'Lowercase words joined by hyphens.'}
      </p>
    </div>
  );
}
