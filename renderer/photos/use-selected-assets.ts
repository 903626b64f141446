import { useEffect, useState } from 'react';
import { MEDIA_BATCH_MAX } from '../../shared/contract';
import { lede } from '../api/client';
import type { MediaAsset } from './media-pager';

/**
 * The full metadata of the selected photos, fetched again when the selection
 * changes or core says some of them changed. Null while loading.
 */
export function useSelectedAssets(sha256s: readonly string[]): { assets: MediaAsset[] | null; error: string | null } {
  const [state, setState] = useState<{ assets: MediaAsset[] | null; error: string | null }>({ assets: null, error: null });
  const [version, setVersion] = useState(0);
  const key = sha256s.join(',');

  useEffect(() => {
    const watched = new Set(sha256s);
    return lede().on('media.changed', ({ sha256s: changed }) => {
      if (changed.some((sha) => watched.has(sha))) setVersion((v) => v + 1);
    });
  }, [key]);

  useEffect(() => {
    let active = true;
    if (sha256s.length === 0) {
      setState({ assets: [], error: null });
      return;
    }
    void (async () => {
      const assets: MediaAsset[] = [];
      for (let i = 0; i < sha256s.length; i += MEDIA_BATCH_MAX) {
        const result = await lede().invoke('media.get', { sha256s: sha256s.slice(i, i + MEDIA_BATCH_MAX) });
        if (!active) return;
        if (!result.ok) return setState({ assets: null, error: result.error.message });
        assets.push(...result.value.items);
      }
      if (active) setState({ assets, error: null });
    })();
    return () => {
      active = false;
    };
  }, [key, version]);

  return state;
}
