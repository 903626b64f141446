import { FlaggedDialog } from './FlaggedDialog';
import { SyncDialog } from './SyncDialog';
import { useSync } from './sync-state';

/** The sync dialogs, wherever the person opened them from. */
export function SyncOverlays() {
  const dialogOpen = useSync((s) => s.dialogOpen);
  const flaggedOpen = useSync((s) => s.flaggedOpen);
  return (
    <>
      {dialogOpen && <SyncDialog />}
      {flaggedOpen && <FlaggedDialog />}
    </>
  );
}
