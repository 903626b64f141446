import { describe, expect, it } from 'vitest';
import { describeSyncStatus, syncHeadline, type SyncStatus } from '../../shared/sync-status';

const base: SyncStatus = {
  state: 'synced',
  waitingChanges: 0,
  waitingStories: 0,
  syncing: 0,
  flagged: 0,
  error: null,
  account: { name: 'Richard Connor', role: 'editor', desks: [], serverUrl: 'https://sync.example' },
  lastServerUrl: 'https://sync.example',
  catalogDays: 30,
  lastSyncedAt: null,
  refusals: [],
};

describe('sync status words', () => {
  it.each([
    [{ state: 'offline', waitingChanges: 37 }, 'Offline — 37 changes waiting'],
    [{ state: 'offline', waitingChanges: 1 }, 'Offline — 1 change waiting'],
    [{ state: 'offline', waitingChanges: 0 }, 'Offline'],
    [{ state: 'syncing', syncing: 3 }, 'Syncing 3 stories…'],
    [{ state: 'syncing', syncing: 1 }, 'Syncing 1 story…'],
    [{ state: 'syncing', syncing: 0, waitingChanges: 2 }, 'Syncing — 2 changes waiting'],
    [{ state: 'synced' }, 'Synced'],
    [{ state: 'connecting', waitingChanges: 1200 }, 'Connecting — 1,200 changes waiting'],
    [{ state: 'error', error: { code: 'unreachable', message: 'no answer' } }, 'Sync error: no answer'],
    [{ state: 'signed_out', account: null }, 'Not signed in to sync'],
  ] as Array<[Partial<SyncStatus>, string]>)('%j reads "%s"', (patch, words) => {
    expect(describeSyncStatus({ ...base, ...patch })).toBe(words);
  });

  it('headers keep errors short; the reason stays in the dialog', () => {
    expect(syncHeadline({ ...base, state: 'error', error: { code: 'unauthorized', message: 'long reason' } })).toBe('Sync stopped — sign in again');
    expect(syncHeadline({ ...base, state: 'error', flagged: 2, error: { code: 'flagged', message: '…' } })).toBe('2 stories need a decision');
    expect(syncHeadline({ ...base, state: 'error', waitingChanges: 4, error: { code: 'forbidden', message: '…' } })).toBe('Read-only account — 4 changes stay here');
    expect(syncHeadline({ ...base, state: 'signed_out' })).toBe('Sign in to sync');
    expect(syncHeadline({ ...base, state: 'offline', waitingChanges: 2 })).toBe('Offline — 2 changes waiting');
  });
});
