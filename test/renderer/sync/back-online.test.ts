import { describe, expect, it } from 'vitest';
import type { LedeBridge } from '../../../shared/contract';
import type { SyncStatus } from '../../../shared/sync-status';
import { connectLede } from '../../../renderer/api/client';
import { useSync } from '../../../renderer/sync/sync-state';

const OFFLINE: SyncStatus = {
  state: 'offline',
  waitingStories: 2,
  waitingPhotos: 3,
  syncingStories: 0,
  syncingPhotos: 0,
  flagged: 0,
  error: null,
  account: { name: 'Richard Connor', role: 'editor', desks: [], serverUrl: 'https://sync.newsroom.example' },
  lastServerUrl: 'https://sync.newsroom.example',
  catalogDays: 30,
  lastSyncedAt: null,
  refusals: [],
};

describe('sync when the computer is back on a network', () => {
  it('tries at once while offline, and leaves a working connection alone', async () => {
    const calls: string[] = [];
    const bridge: LedeBridge = {
      async invoke(channel) {
        calls.push(channel);
        return { ok: true, value: OFFLINE };
      },
      on: () => () => undefined,
    };
    window.lede = bridge;
    await connectLede();
    await useSync.getState().start();
    expect(calls).toEqual(['sync.status']);

    window.dispatchEvent(new Event('online'));
    expect(calls).toEqual(['sync.status', 'sync.retry']);

    useSync.getState().setStatus({ ...OFFLINE, state: 'synced', waitingStories: 0, waitingPhotos: 0 });
    window.dispatchEvent(new Event('online'));
    expect(calls).toEqual(['sync.status', 'sync.retry']);
  });
});
