import { create } from 'zustand';
import type { ConfigView } from '../../shared/config';
import type { ConnectionState, ResultOf } from '../../shared/contract';
import type { Profile } from '../../shared/model';
import { connectLede, ledeBridge } from '../api/client';
import { WebSessionError } from '../api/web-bridge';
import { keepUnsavedEditsIn } from '../story/article-session';
import { replayUnsavedEdits, storiesWithKeptEdits } from '../story/replay-unsaved-edits';
import { openBrowserEditsStore } from '../story/unsaved-edits-store';

/**
 * Where the app is. A story just created carries `fresh`: it opens with the
 * caret in its first field, so the writer can start typing without tabbing
 * through the page (a reload, from the address bar, is not fresh).
 */
export type Route = { screen: 'library' } | { screen: 'story'; id: string; fresh?: boolean } | { screen: 'photos' };

type Phase =
  | { kind: 'connecting' }
  | { kind: 'connect-failed'; message: string }
  | { kind: 'needs-profile' }
  | { kind: 'ready' };

interface AppState {
  phase: Phase;
  connection: ConnectionState;
  /**
   * Whether waiting edits are kept in the browser (survive the tab and a
   * restart of the web shell) or in this tab's memory only (Electron, or a
   * browser that refuses to store). What the banners promise follows it.
   */
  editsKept: 'browser' | 'tab';
  /** Things about unsaved edits the person should know (ADR 0068), until dismissed. */
  notices: string[];
  dismissNotice(notice: string): void;
  info: ResultOf<'app.info'> | null;
  profile: Profile | null;
  config: ConfigView | null;
  route: Route;
  start(): Promise<void>;
  setProfile(profile: Profile): void;
  setConfig(config: ConfigView): void;
  navigate(route: Route): void;
}

/** Route ↔ address bar, so a reload comes back to the same story. */
function routeFromHash(hash: string): Route {
  if (hash === '#/photos') return { screen: 'photos' };
  const match = /^#\/story\/([0-9a-f-]{36})$/i.exec(hash);
  return match ? { screen: 'story', id: match[1]! } : { screen: 'library' };
}

function hashFor(route: Route): string {
  if (route.screen === 'photos') return '#/photos';
  return route.screen === 'story' ? `#/story/${route.id}` : '#/';
}

export const useApp = create<AppState>((set, get) => ({
  phase: { kind: 'connecting' },
  connection: 'open',
  editsKept: 'tab',
  notices: [],
  info: null,
  profile: null,
  config: null,
  route: { screen: 'library' },

  async start() {
    let client;
    try {
      client = await connectLede();
    } catch (error) {
      let message = error instanceof WebSessionError ? error.message : `Lede could not start: ${String(error)}`;
      // Signed out (the shell restarted, a reload after it): what this
      // browser kept is not lost, and the person should know before acting.
      if (error instanceof WebSessionError && error.kind === 'unauthorized' && !window.lede) {
        const stories = await storiesWithKeptEdits(openBrowserEditsStore(() => undefined));
        if (stories > 0) {
          message += ` This browser keeps unsaved changes to ${stories === 1 ? 'one story' : `${stories} stories`}: they are saved as soon as you sign in here with a new link.`;
        }
      }
      // A new link pasted into this tab's address bar changes only the
      // fragment, which loads nothing: start again with it.
      if (!window.lede) {
        window.addEventListener('hashchange', () => {
          if (new URLSearchParams(location.hash.slice(1)).has('token')) location.reload();
        });
      }
      set({ phase: { kind: 'connect-failed', message } });
      return;
    }
    ledeBridge().onConnection?.((connection) => set({ connection }));
    // The web shell: edits wait in the browser too, and what an earlier tab
    // left there is delivered before anything opens (a story opened while its
    // replay is on the way would not see it: core echoes to other sessions only).
    if (!window.lede) {
      const addNotice = (notice: string) => set((state) => ({ notices: [...state.notices, notice] }));
      const store = openBrowserEditsStore((problem) => {
        set({ editsKept: 'tab' });
        addNotice(problem);
      });
      set({ editsKept: 'browser' });
      const replayed = await replayUnsavedEdits(client, store);
      for (const problem of replayed.problems) addNotice(problem);
      if (replayed.delivered > 0) {
        addNotice(`Unsaved changes this browser kept for ${replayed.delivered === 1 ? 'one story' : `${replayed.delivered} stories`} were saved.`);
      }
      keepUnsavedEditsIn(store);
    }
    client.on('profile.changed', (profile) => set({ profile }));
    client.on('config.changed', (config) => set({ config }));
    const [info, profile, config] = await Promise.all([
      client.invoke('app.info', {}),
      client.invoke('profile.get', {}),
      client.invoke('config.get', {}),
    ]);
    if (!info.ok || !profile.ok || !config.ok) {
      const failed = [info, profile, config].find((r) => !r.ok);
      set({ phase: { kind: 'connect-failed', message: failed && !failed.ok ? failed.error.message : 'Lede did not answer.' } });
      return;
    }
    window.addEventListener('hashchange', () => set({ route: routeFromHash(location.hash) }));
    set({
      info: info.value,
      profile: profile.value,
      config: config.value,
      route: routeFromHash(location.hash),
      phase: profile.value ? { kind: 'ready' } : { kind: 'needs-profile' },
    });
  },

  dismissNotice(notice) {
    set((state) => ({ notices: state.notices.filter((n) => n !== notice) }));
  },

  setProfile(profile) {
    set({ profile, phase: get().phase.kind === 'needs-profile' ? { kind: 'ready' } : get().phase });
  },

  setConfig(config) {
    set({ config });
  },

  navigate(route) {
    const hash = hashFor(route);
    if (location.hash !== hash) history.pushState(null, '', hash);
    set({ route });
  },
}));
