import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import type { DocKind } from '../../shared/documents/doc-names';
import { rivalOffer, rivalVersions, rivalsOf, settleRival, type RivalVersion } from '../../shared/field-rewrites';
import { useApp } from '../state/app-store';
import { RivalNotice } from '../ui/RivalNotice';

export interface RivalVersionNoticesProps {
  doc: Y.Doc;
  kind: DocKind;
  /** The field's name in its document ("headline", "slug"). */
  field: string;
  readOnly?: boolean;
}

/** The rival versions of one field, re-read whenever anyone settles one or the server adds one. */
function useRivals(doc: Y.Doc, field: string): Array<{ id: string; rival: RivalVersion }> {
  const [rivals, setRivals] = useState(() => rivalsOf(doc, field));
  useEffect(() => {
    const map = rivalVersions(doc);
    const update = () => setRivals(rivalsOf(doc, field));
    update();
    map.observe(update);
    return () => map.unobserve(update);
  }, [doc, field]);
  return rivals;
}

/**
 * Beside a story's short field: other versions of it written offline at the
 * same time as the one shown, which the sync server kept whole instead of
 * merging them letter by letter (ADR 0061). Read from and settled in the
 * story's own Yjs document, so settling is an edit that syncs like typing.
 */
export function RivalVersionNotices({ doc, kind, field, readOnly }: RivalVersionNoticesProps) {
  const rivals = useRivals(doc, field);
  const viewer = useApp((s) => s.profile?.name ?? '');
  return (
    <>
      {rivals.map(({ id, rival }) => (
        <RivalNotice key={id} id={id} field={field} offer={rivalOffer(kind, rival, viewer)} readOnly={readOnly} onSettle={(write) => settleRival(doc, kind, id, write)} />
      ))}
    </>
  );
}
