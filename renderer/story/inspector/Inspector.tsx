import type { ReactNode } from 'react';
import type * as Y from 'yjs';
import type { ArticleParts } from '../../../shared/article-doc';
import type { Status } from '../../../shared/model';
import { DatesField } from './DatesField';
import { BylineField } from './BylineField';
import { EditedByField } from './EditedByField';
import { LanguageField } from './LanguageField';
import { MetaTextField } from './MetaTextField';
import { DeskField } from './DeskField';
import { SectionField } from './SectionField';
import { SlugField } from './SlugField';
import { RivalVersionNotices } from '../RivalVersionNotices';
import { StatusField } from './StatusField';
import { StringListField } from './StringListField';
import { PublishingSection } from '../../publishing/PublishingSection';
import { useYMapValue } from '../use-y';

const AGENCIES = ['Reuters', 'AP', 'AFP', 'dpa', 'EFE', 'ANSA', 'PA Media', 'Kyodo', 'Xinhua', 'ANP', 'KNA', 'epd'];

interface InspectorProps {
  /** The story's id (for moves core makes, like its desk). */
  id: string;
  /** The story's document, for the rival versions of its slug and dateline. */
  doc: Y.Doc;
  parts: ArticleParts;
  language: string;
  dir: 'ltr' | 'rtl';
  updatedAt: string | null;
  readOnly?: boolean;
  onChooseStatus(to: Status): Promise<string | null>;
  /** Shown above the details while open (the ready checklist). */
  panel?: ReactNode;
}

/** Everything about a story except its text, in the order a desk checks it before publishing. */
export function Inspector({ id, doc, parts, language, dir, updatedAt, readOnly, onChooseStatus, panel }: InspectorProps) {
  const publishedHere = useYMapValue(parts.meta, 'status') === 'published';
  return (
    <aside className="inspector" aria-label="Story details">
      {panel}
      <section className="inspector-section">
        <h2 className="inspector-heading">Workflow</h2>
        <StatusField meta={parts.meta} onChoose={onChooseStatus} />
        <DeskField id={id} meta={parts.meta} readOnly={readOnly} />
        <SectionField meta={parts.meta} readOnly={readOnly} />
      </section>
      <PublishingSection id={id} meta={parts.meta} publishedHere={publishedHere} readOnly={readOnly} />
      <section className="inspector-section">
        <h2 className="inspector-heading">People</h2>
        <BylineField array={parts.bylines} dir={dir} readOnly={readOnly} />
        <StringListField
          label="Sources"
          array={parts.sources}
          placeholder="Reuters, AP, AFP…"
          hint="Agencies the story draws on. Enter or comma adds one."
          suggestions={AGENCIES}
          readOnly={readOnly}
        />
        <EditedByField array={parts.editedBy} readOnly={readOnly} />
      </section>
      <section className="inspector-section">
        <h2 className="inspector-heading">Details</h2>
        <StringListField label="Tags" array={parts.tags} placeholder="Add a tag…" hint="Keywords for search and export." readOnly={readOnly} />
        <SlugField meta={parts.meta} headline={parts.headline} readOnly={readOnly} />
        <RivalVersionNotices doc={doc} kind="article" field="slug" readOnly={readOnly} />
        <MetaTextField
          label="Dateline"
          meta={parts.meta}
          metaKey="dateline"
          placeholder="e.g. Moscow"
          hint="The place the story is reported from."
          dir={dir}
          lang={language}
          readOnly={readOnly}
        />
        <RivalVersionNotices doc={doc} kind="article" field="dateline" readOnly={readOnly} />
        <LanguageField meta={parts.meta} readOnly={readOnly} />
        <DatesField meta={parts.meta} updatedAt={updatedAt} />
      </section>
    </aside>
  );
}
