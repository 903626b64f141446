import { lede } from '../api/client';
import { useSync } from './sync-state';

/** The server reported this computer lost and Lede removed the newsroom's stories: say so until the person has read it. */
export function LostDeviceNotice() {
  const error = useSync((s) => (s.status?.state === 'signed_out' && s.status.error?.code === 'device_lost' ? s.status.error : null));
  const setStatus = useSync((s) => s.setStatus);
  if (!error) return null;
  const dismiss = async () => {
    const result = await lede().invoke('sync.dismissNotice', {});
    if (result.ok) setStatus(result.value);
  };
  return (
    <div className="sync-flagged-notice sync-lost-notice" role="alert">
      <span>{error.message}</span>
      <button type="button" className="button button-small" onClick={() => void dismiss()}>
        Dismiss
      </button>
    </div>
  );
}
