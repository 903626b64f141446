import { NEWSROOM_ROLE_LABELS } from '../../shared/model';
import { ariaKeyShortcuts, withShortcut } from '../editor/shortcut-label';
import { SHORTCUTS } from '../help/shortcuts';
import { ShortcutsButton } from '../help/ShortcutsButton';
import { useApp } from '../state/app-store';
import { ImportButton } from './ImportButton';
import { ACCOUNT_ROLE_LABELS } from '../../shared/accounts/roles';
import { useSync } from '../sync/sync-state';
import { SyncStatusButton } from '../sync/SyncStatusButton';
import { CollapsingActions } from '../ui/CollapsingActions';

interface LibraryHeaderProps {
  onNewStory(): void;
  onOpenSettings(): void;
  creating: boolean;
}

/**
 * The library's top bar: the app, the sync state (never cut short), who is
 * working and the one primary action; the secondary ones collapse into
 * "More" when the window is too narrow for all of them.
 */
export function LibraryHeader({ onNewStory, onOpenSettings, creating }: LibraryHeaderProps) {
  const profile = useApp((s) => s.profile);
  // Once signed in, the newsroom account's role is the one the workflow uses.
  const account = useSync((state) => state.status?.account ?? null);
  const navigate = useApp((s) => s.navigate);
  const initials = (profile?.name ?? '?')
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]!.toLocaleUpperCase())
    .join('');
  return (
    <header className="topbar">
      <span className="brand">Lede</span>
      <span className="topbar-spacer" />
      <SyncStatusButton />
      <CollapsingActions>
        <ImportButton />
        <button type="button" className="button" onClick={() => navigate({ screen: 'photos' })}>
          Photo desk
        </button>
        <ShortcutsButton />
      </CollapsingActions>
      <button
        type="button"
        className="button button-primary"
        onClick={onNewStory}
        disabled={creating}
        title={withShortcut('New story', SHORTCUTS.newStory.keys)}
        aria-keyshortcuts={ariaKeyShortcuts(SHORTCUTS.newStory.keys)}
      >
        New story
      </button>
      {profile && (
        <button type="button" className="person-button" onClick={onOpenSettings} title="Settings">
          <span className="avatar" aria-hidden="true">
            {initials}
          </span>
          <span className="person-text">
            <span className="person-name">{profile.name}</span>
            <span className="person-role">{account ? ACCOUNT_ROLE_LABELS[account.role] : NEWSROOM_ROLE_LABELS[profile.role]}</span>
          </span>
          <span className="visually-hidden"> — Settings</span>
        </button>
      )}
    </header>
  );
}
