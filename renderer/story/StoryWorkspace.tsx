import { useEffect, useMemo, useState } from 'react';
import { articleParts } from '../../shared/article-doc';
import { languageDirection } from '../../shared/language';
import type { OpenArticle } from '../documents/open-article';
import { FieldInput } from '../editor/FieldInput';
import { StoryEditor } from '../editor/StoryEditor';
import { moveToTrash, restoreStory } from '../library/library-actions';
import { useApp } from '../state/app-store';
import { Toaster } from '../ui/Toaster';
import { Inspector } from './inspector/Inspector';
import { SaveIndicator } from './SaveIndicator';
import { PresenceList } from '../sync/PresenceList';
import { SyncStatusButton } from '../sync/SyncStatusButton';
import { StoryHeader } from './StoryHeader';
import { useYMapValue, useYText } from './use-y';

/** An open story: its fields and body in a writing column, everything else in the inspector beside it. */
export function StoryWorkspace({ article, onBack }: { article: OpenArticle; onBack(): void }) {
  const parts = useMemo(() => articleParts(article.doc), [article]);
  const limits = useApp((s) => s.config?.limits);
  const navigate = useApp((s) => s.navigate);
  const language = useYMapValue(parts.meta, 'language') || 'en';
  const dir = languageDirection(language);
  const trashedAt = useYMapValue(parts.meta, 'trashedAt');
  const headline = useYText(parts.headline);
  const updatedAt = useLastChange(article);
  const inTrash = Boolean(trashedAt);

  useEffect(() => {
    const previous = document.title;
    document.title = `${headline.trim() || 'Untitled story'} — Lede`;
    return () => {
      document.title = previous;
    };
  }, [headline]);

  const trash = async () => {
    if (await moveToTrash(article.id)) navigate({ screen: 'library' });
  };

  return (
    <div className="screen story-screen">
      <StoryHeader onBack={onBack} title={headline.trim() || 'Untitled story'}>
        <PresenceList id={article.id} />
        <SaveIndicator article={article} />
        <SyncStatusButton />
        {!inTrash && (
          <button type="button" className="button button-quiet" onClick={() => void trash()}>
            Move to trash
          </button>
        )}
      </StoryHeader>
      {inTrash && (
        <div className="notice" role="note">
          <span>This story is in the trash. Restore it to edit it.</span>
          <button type="button" className="button button-small" onClick={() => void restoreStory(article.id)}>
            Restore
          </button>
        </div>
      )}
      <div className="story-layout">
        <main className="story-column" lang={language} dir={dir} aria-label="Story">
          <FieldInput
            label="Kicker"
            text={parts.kicker}
            limit={limits?.kicker}
            dir={dir}
            lang={language}
            placeholder="Topic line above the headline"
            readOnly={inTrash}
          />
          <FieldInput label="Headline" text={parts.headline} limit={limits?.headline} dir={dir} lang={language} placeholder="Headline" readOnly={inTrash} />
          <FieldInput
            label="Teaser"
            text={parts.teaser}
            limit={limits?.teaser}
            multiline
            dir={dir}
            lang={language}
            placeholder="The lead: what happened, and why it matters"
            readOnly={inTrash}
          />
          <StoryEditor doc={article.doc} language={language} dir={dir} readOnly={inTrash} />
        </main>
        <Inspector id={article.id} parts={parts} language={language} dir={dir} updatedAt={updatedAt} readOnly={inTrash} />
      </div>
      <Toaster />
    </div>
  );
}

/**
 * When the story last changed: as core said on opening, then the time of the
 * latest change seen here. Shown to the minute, so it is refreshed at most
 * every few seconds — re-rendering the story screen on every keystroke would
 * cost typing latency for nothing.
 */
function useLastChange(article: OpenArticle): string | null {
  const [updatedAt, setUpdatedAt] = useState<string | null>(() => article.updatedAtOnOpen || null);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let latest = '';
    const onUpdate = () => {
      latest = new Date().toISOString();
      timer ??= setTimeout(() => {
        timer = null;
        setUpdatedAt(latest);
      }, LAST_CHANGE_REFRESH_MS);
    };
    article.doc.on('update', onUpdate);
    return () => {
      article.doc.off('update', onUpdate);
      if (timer) clearTimeout(timer);
    };
  }, [article]);
  return updatedAt;
}

const LAST_CHANGE_REFRESH_MS = 5000;
