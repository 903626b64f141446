import { describe, expect, it } from 'vitest';
import { describeSyncStatus, storiesAndPhotos, syncHeadline, syncStatusSchema, type SyncStatus } from '../../shared/sync-status';

const base: SyncStatus = {
  state: 'synced',
  waitingStories: 0,
  waitingPhotos: 0,
  syncingStories: 0,
  syncingPhotos: 0,
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
    [{ state: 'offline', waitingStories: 3, waitingPhotos: 2 }, 'Offline — 3 stories and 2 photos waiting to sync'],
    [{ state: 'offline', waitingStories: 1 }, 'Offline — 1 story waiting to sync'],
    [{ state: 'offline', waitingPhotos: 1 }, 'Offline — 1 photo waiting to sync'],
    [{ state: 'offline', waitingStories: 1, waitingPhotos: 1 }, 'Offline — 1 story and 1 photo waiting to sync'],
    [{ state: 'offline' }, 'Offline'],
    [{ state: 'syncing', syncingStories: 4, syncingPhotos: 109 }, 'Syncing 4 stories and 109 photos…'],
    [{ state: 'syncing', syncingStories: 1 }, 'Syncing 1 story…'],
    [{ state: 'syncing', syncingPhotos: 109 }, 'Syncing 109 photos…'],
    [{ state: 'syncing', waitingStories: 2 }, 'Syncing — 2 stories waiting'],
    [{ state: 'syncing' }, 'Syncing…'],
    [{ state: 'synced' }, 'Synced'],
    [{ state: 'connecting', waitingStories: 1200 }, 'Connecting — 1,200 stories waiting to sync'],
    [{ state: 'connecting' }, 'Connecting…'],
    [{ state: 'error', error: { code: 'unreachable', message: 'no answer' } }, 'Sync error: no answer'],
    [{ state: 'signed_out', account: null }, 'Not signed in to sync'],
  ] as Array<[Partial<SyncStatus>, string]>)('%j reads "%s"', (patch, words) => {
    expect(describeSyncStatus({ ...base, ...patch })).toBe(words);
  });

  it('counts stories and photos apart, with plurals, and says nothing for none', () => {
    expect(storiesAndPhotos(0, 0)).toBe('');
    expect(storiesAndPhotos(2, 0)).toBe('2 stories');
    expect(storiesAndPhotos(0, 2)).toBe('2 photos');
    expect(storiesAndPhotos(1, 954)).toBe('1 story and 954 photos');
  });

  it('headers keep errors short; the reason stays in the dialog', () => {
    expect(syncHeadline({ ...base, state: 'error', error: { code: 'unauthorized', message: 'long reason' } })).toBe('Sync stopped — sign in again');
    expect(syncHeadline({ ...base, state: 'error', flagged: 2, error: { code: 'flagged', message: '…' } })).toBe('2 stories need a decision');
    expect(syncHeadline({ ...base, state: 'error', waitingStories: 4, error: { code: 'forbidden', message: '…' } })).toBe('Read-only account — 4 stories stay here');
    expect(syncHeadline({ ...base, state: 'error', error: { code: 'forbidden', message: '…' } })).toBe('Read-only account');
    expect(syncHeadline({ ...base, state: 'signed_out' })).toBe('Sign in to sync');
    expect(syncHeadline({ ...base, state: 'offline', waitingStories: 2 })).toBe('Offline — 2 stories waiting to sync');
  });

  it('the contract refuses a status that counts changes instead of documents, or negative counts', () => {
    expect(syncStatusSchema.safeParse(base).success).toBe(true);
    expect(syncStatusSchema.safeParse({ ...base, waitingPhotos: -1 }).success).toBe(false);
    const { waitingPhotos: _photos, ...withoutPhotos } = base;
    expect(syncStatusSchema.safeParse({ ...withoutPhotos, waitingChanges: 3 }).success).toBe(false);
  });
});
