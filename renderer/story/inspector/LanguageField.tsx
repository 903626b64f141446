import type * as Y from 'yjs';
import { useApp } from '../../state/app-store';
import { LanguagePicker } from '../../ui/LanguagePicker';
import { useYMapValue } from '../use-y';

/** The story's language: it sets the writing direction and spellcheck of every field and the body. */
export function LanguageField({ meta, readOnly }: { meta: Y.Map<string | null>; readOnly?: boolean }) {
  const language = useYMapValue(meta, 'language') ?? 'en';
  const languages = useApp((s) => s.config?.languages ?? []);
  return (
    <LanguagePicker
      label="Language"
      value={language}
      languages={languages}
      disabled={readOnly}
      onChange={(tag) => meta.doc?.transact(() => meta.set('language', tag))}
    />
  );
}
