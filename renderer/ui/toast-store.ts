import { create } from 'zustand';

export interface ToastAction {
  label: string;
  run(): void;
  /** The action takes back the step the toast reports: Mod+Z runs it while the toast is shown (useUndoToastShortcut). */
  undo?: boolean;
}

export interface Toast {
  id: number;
  message: string;
  tone: 'info' | 'error';
  action?: ToastAction;
}

interface ToastState {
  toasts: Toast[];
  show(toast: Omit<Toast, 'id' | 'tone'> & { tone?: Toast['tone'] }): number;
  dismiss(id: number): void;
}

let nextId = 1;

/**
 * Toasts live outside any screen so that one raised on the story screen
 * ("Moved to trash — Undo") is still there after going back to the library.
 */
export const useToasts = create<ToastState>((set) => ({
  toasts: [],
  show(toast) {
    const id = nextId++;
    // Keep the last few only: a burst of deletes must not pile up a tower.
    set((state) => ({ toasts: [...state.toasts.slice(-2), { tone: 'info', ...toast, id }] }));
    return id;
  },
  dismiss(id) {
    set((state) => ({ toasts: state.toasts.filter((toast) => toast.id !== id) }));
  },
}));

export function showToast(toast: Omit<Toast, 'id' | 'tone'> & { tone?: Toast['tone'] }): number {
  return useToasts.getState().show(toast);
}
