import { useApp } from './state/app-store';

/** A bar across the top while core cannot be reached; edits keep working and wait. */
export function ConnectionBanner() {
  const connection = useApp((s) => s.connection);
  if (connection === 'open') return null;
  return (
    <div role="alert" className="connection-banner">
      Connection to Lede’s core lost — keep typing, your changes are kept and will be saved when it is back.
    </div>
  );
}
