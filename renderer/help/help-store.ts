import { create } from 'zustand';

/** Whether the keyboard shortcuts screen is open; opened by its buttons, Mod-/ and the Electron Help menu. */
interface HelpState {
  shortcutsOpen: boolean;
  openShortcuts(): void;
  closeShortcuts(): void;
}

export const useHelp = create<HelpState>((set) => ({
  shortcutsOpen: false,
  openShortcuts: () => set({ shortcutsOpen: true }),
  closeShortcuts: () => set({ shortcutsOpen: false }),
}));
