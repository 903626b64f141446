import { useCallback, useEffect, useState } from 'react';
import type { ResultOf } from '../../shared/contract';
import { rivalOffer } from '../../shared/field-rewrites';
import { lede } from '../api/client';
import { useApp } from '../state/app-store';
import { showToast } from '../ui/toast-store';
import { RivalNotice } from '../ui/RivalNotice';

type Rival = ResultOf<'media.rivals'>['rivals'][number];

/**
 * The photo desk's rival versions (ADR 0061) of one photo's field, beside
 * it. The desk does not hold the photo's document, so core reads them
 * (`media.rivals`), again whenever the photo changes, and settles them
 * (`media.settleRival`), an ordinary change that syncs.
 */
export function MediaRivalNotices({ sha256, field }: { sha256: string; field: string }) {
  const [rivals, setRivals] = useState<Rival[]>([]);
  const viewer = useApp((s) => s.profile?.name ?? '');
  const load = useCallback(async () => {
    const result = await lede().invoke('media.rivals', { sha256 });
    if (result.ok) setRivals(result.value.rivals);
  }, [sha256]);
  useEffect(() => {
    void load();
    return lede().on('media.changed', ({ sha256s }) => {
      if (sha256s.includes(sha256)) void load();
    });
  }, [sha256, load]);
  const settle = async (id: string, write: string | null) => {
    const result = await lede().invoke('media.settleRival', { sha256, id, write });
    if (!result.ok) showToast({ message: `Not saved: ${result.error.message}`, tone: 'error' });
    await load();
  };
  return (
    <>
      {rivals
        .filter((rival) => rival.field === field)
        .map((rival) => (
          <RivalNotice key={rival.id} id={rival.id} field={field} offer={rivalOffer('media', rival, viewer)} onSettle={(write) => void settle(rival.id, write)} />
        ))}
    </>
  );
}
