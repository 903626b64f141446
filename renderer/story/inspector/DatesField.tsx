import type * as Y from 'yjs';
import { exactTime, relativeTime } from '../../ui/format';
import { useYMapValue } from '../use-y';

/** Created, last updated and published: exact to the minute, with how long ago. */
export function DatesField({ meta, updatedAt }: { meta: Y.Map<string | null>; updatedAt: string | null }) {
  const createdAt = useYMapValue(meta, 'createdAt');
  const publishedAt = useYMapValue(meta, 'publishedAt');
  return (
    <div className="field">
      <h3 className="field-label">Dates</h3>
      <dl className="dates">
        <DateRow label="Created" iso={createdAt} />
        <DateRow label="Updated" iso={updatedAt} />
        <DateRow label="Published" iso={publishedAt} empty="Not yet" />
      </dl>
    </div>
  );
}

function DateRow({ label, iso, empty = '—' }: { label: string; iso: string | null; empty?: string }) {
  return (
    <div className="dates-row">
      <dt>{label}</dt>
      <dd>
        {iso ? (
          <time dateTime={iso} title={iso}>
            {exactTime(iso)} <span className="muted">({relativeTime(iso)})</span>
          </time>
        ) : (
          <span className="muted">{empty}</span>
        )}
      </dd>
    </div>
  );
}
