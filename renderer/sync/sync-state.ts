import { create } from 'zustand';
import type { PresencePerson, SyncStatus } from '../../shared/sync-status';
import { lede, ledeBridge } from '../api/client';
import { takeSsoReturn, type SsoReturnInUrl } from './sso-return';

interface SyncState {
  /** Null until core answered the first time. */
  status: SyncStatus | null;
  /** Who else has each open story open, by story id. */
  presence: Record<string, PresencePerson[]>;
  dialogOpen: boolean;
  flaggedOpen: boolean;
  /** The web shell's tab came back from single sign-on with this: the sign-in form finishes it. */
  ssoReturn: SsoReturnInUrl | null;
  takeSsoReturnState(): SsoReturnInUrl | null;
  start(): Promise<void>;
  setStatus(status: SyncStatus): void;
  loadPresence(id: string): Promise<void>;
  openDialog(): void;
  closeDialog(): void;
  openFlagged(): void;
  closeFlagged(): void;
}

let started = false;
/** Stories whose presence a window asked for: asked again when core is back. */
const presenceAsked = new Set<string>();

/** Sync status and presence as core reports them; one subscription per window. */
export const useSync = create<SyncState>((set, get) => ({
  status: null,
  presence: {},
  dialogOpen: false,
  flaggedOpen: false,
  ssoReturn: null,

  takeSsoReturnState() {
    const value = get().ssoReturn;
    set({ ssoReturn: null });
    return value;
  },

  async start() {
    if (started) return;
    started = true;
    const ssoReturn = takeSsoReturn();
    if (ssoReturn) set({ ssoReturn, dialogOpen: true });
    lede().on('sync.status', (status) => set({ status }));
    lede().on('sync.presence', ({ id, people }) => set((state) => ({ presence: { ...state.presence, [id]: people } })));
    const load = async () => {
      const result = await lede().invoke('sync.status', {});
      if (result.ok) set({ status: result.value });
    };
    // Core restarted (or the web shell came back): what it says now may differ.
    // While it is away, nobody can say who else is on a story: nobody is shown.
    ledeBridge().onConnection?.((state) => {
      if (state !== 'open') {
        set({ presence: {} });
        return;
      }
      void load();
      for (const id of presenceAsked) void get().loadPresence(id);
    });
    // The computer is back on a network: try now rather than when the backoff timer says.
    window.addEventListener('online', () => {
      const state = useSync.getState().status?.state;
      if (state === 'offline' || state === 'connecting' || state === 'error') void lede().invoke('sync.retry', {});
    });
    await load();
  },

  setStatus(status) {
    set({ status });
  },

  async loadPresence(id) {
    presenceAsked.add(id);
    const result = await lede().invoke('sync.presence', { id });
    if (result.ok) set((state) => ({ presence: { ...state.presence, [id]: result.value.people } }));
  },

  openDialog: () => set({ dialogOpen: true }),
  closeDialog: () => set({ dialogOpen: false }),
  openFlagged: () => set({ flaggedOpen: true }),
  closeFlagged: () => set({ flaggedOpen: false }),
}));
