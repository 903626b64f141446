import type * as Y from 'yjs';
import type { FieldLimit } from '../../shared/config';
import { articleParts } from '../../shared/article-doc';
import { FIELD_LABELS, fieldSuggestionId, listFieldSuggestions, suggestField, type SuggestibleField } from '../../shared/review/field-suggestions';
import { FieldInput } from '../editor/FieldInput';
import { showToast } from '../ui/toast-store';
import { RivalVersionNotices } from './RivalVersionNotices';
import { FieldSuggestionList } from './review/FieldSuggestions';

export interface StoryFieldProps {
  doc: Y.Doc;
  field: SuggestibleField;
  limit?: FieldLimit;
  multiline?: boolean;
  dir: 'ltr' | 'rtl';
  lang: string;
  placeholder: string;
  readOnly: boolean;
  typographicQuotes: boolean;
  /** "Suggest changes" is on, by this person: the box edits their suggested replacement. */
  suggestingAs: string | null;
}

/** A story field in the column: the box, a colleague's rival version if any, and the replacements suggested for it. */
export function StoryField({ doc, field, suggestingAs, readOnly, ...input }: StoryFieldProps) {
  const text = articleParts(doc)[field];
  const suggest =
    suggestingAs !== null && !readOnly
      ? {
          initial: listFieldSuggestions(doc).find((entry) => entry.id === fieldSuggestionId(field, suggestingAs))?.text ?? text.toString(),
          onChange: (next: string) => {
            try {
              suggestField(doc, field, next, { authorId: suggestingAs, authorName: suggestingAs }, new Date().toISOString());
            } catch (error) {
              showToast({ message: error instanceof Error ? error.message : String(error), tone: 'error' });
            }
          },
        }
      : null;
  return (
    <>
      <FieldInput label={FIELD_LABELS[field]} text={text} readOnly={readOnly} suggest={suggest} {...input} />
      <RivalVersionNotices doc={doc} kind="article" field={field} readOnly={readOnly} />
      <FieldSuggestionList doc={doc} field={field} editable={!readOnly} />
    </>
  );
}
