import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { base64ToBytes } from '../../../shared/base64';
import { articleParts, readArticleFields } from '../../../shared/article-doc';
import { STATUSES, type NewsroomRole, type Profile, type Status } from '../../../shared/model';
import type { Core } from '../../../electron/core/core';
import { connect, EDITOR, openStory, openTestCore, REPORTER, type TestClient, CHECKS_OFF } from '../../helpers/core';

/**
 * The workflow as docs/content-model.md states it, written out independently of
 * shared/status.ts: draft ↔ in edit → ready → published; spiked from any;
 * publishing, spiking, and published or spiked back to draft only by a desk
 * editor. status.ts adds ready → in edit ("an editor may send a ready story back").
 */
function expectedVerdict(from: Status, to: Status, role: NewsroomRole): boolean {
  if (from === to) return false;
  if (to === 'spiked') return role === 'editor';
  if (from === 'published' || from === 'spiked') return to === 'draft' && role === 'editor';
  const step = `${from}>${to}`;
  if (step === 'ready>published') return role === 'editor';
  if (['draft>in_edit', 'in_edit>draft', 'in_edit>ready'].includes(step)) return true;
  if (step === 'ready>in_edit') return role === 'editor';
  return false;
}

/** How an editor brings a new story to each status. */
const PATH_TO: Record<Status, Status[]> = {
  draft: [],
  in_edit: ['in_edit'],
  ready: ['in_edit', 'ready'],
  published: ['in_edit', 'ready', 'published'],
  spiked: ['spiked'],
};

const PHOTO_EDITOR: Profile = { name: 'Lena Vogt', role: 'photo_editor' };
const PEOPLE: Record<NewsroomRole, Profile> = { reporter: REPORTER, editor: EDITOR, photo_editor: PHOTO_EDITOR };

let core: Core;
let client: TestClient;
beforeAll(async () => {
  core = openTestCore();
  client = connect(core);
  // The transition matrix moves empty stories; the ready checks are tested in ready-checks.test.ts.
  await client.call('config.set', { workflowRules: CHECKS_OFF });
});
afterAll(async () => {
  await core.close();
});

async function storyAt(status: Status): Promise<string> {
  await client.call('profile.set', EDITOR);
  const { id } = await client.call('article.create', {});
  for (const to of PATH_TO[status]) await client.call('article.setStatus', { id, to });
  return id;
}

const cases = STATUSES.flatMap((from) =>
  STATUSES.flatMap((to) => (['reporter', 'editor', 'photo_editor'] as const).map((role) => ({ from, to, role, allowed: expectedVerdict(from, to, role) }))),
);

describe('status transitions through the API', () => {
  const settled = cases.filter((c) => !(c.from === 'ready' && c.to === 'in_edit' && c.role !== 'editor'));

  it.each(settled)('$role: $from → $to is allowed: $allowed', async ({ from, to, role, allowed }) => {
    const id = await storyAt(from);
    await client.call('profile.set', PEOPLE[role]);
    const result = await client.session.invoke('article.setStatus', { id, to });
    const page = await client.call('library.list', { status: allowed ? to : from });
    expect(page.items.map((item) => item.id)).toContain(id);
    if (allowed) {
      expect(result).toMatchObject({ ok: true, value: { status: to } });
      return;
    }
    expect(result).toMatchObject({ ok: false, error: { code: 'transition_refused' } });
    if (!result.ok) {
      // A reason a person can read: names where the story is, in words.
      expect(result.error.message.length).toBeGreaterThan(15);
      expect(result.error.message).not.toMatch(/in_edit|undefined|null/);
    }
  });

  // Decided: a ready story may go back to "in edit" by anyone — the reporter
  // who spotted a mistake as much as the desk (shared/status.ts).
  it.each(cases.filter((c) => c.from === 'ready' && c.to === 'in_edit'))(
    '$role: ready → in_edit is allowed (pulling a story back for more work)',
    async ({ role }) => {
      const id = await storyAt('ready');
      await client.call('profile.set', PEOPLE[role]);
      const result = await client.session.invoke('article.setStatus', { id, to: 'in_edit' });
      expect(result).toMatchObject({ ok: true, value: { status: 'in_edit' } });
    },
  );

  it('explains a refused move in words', async () => {
    const id = await storyAt('published');
    await client.call('profile.set', REPORTER);
    const result = await client.session.invoke('article.setStatus', { id, to: 'draft' });
    expect(result).toEqual({ ok: false, error: { code: 'transition_refused', message: expect.stringMatching(/editor/i) } });
    const skip = await client.session.invoke('article.setStatus', { id: await storyAt('draft'), to: 'published' });
    expect(skip).toEqual({ ok: false, error: { code: 'transition_refused', message: expect.stringMatching(/Draft.*Published/) } });
  });

  it('refuses a move on a story that does not exist with not_found', async () => {
    await client.call('profile.set', EDITOR);
    const result = await client.session.invoke('article.setStatus', { id: '7b0c9d5e-1f2a-4b3c-8d4e-5f6a7b8c9d0e', to: 'in_edit' });
    expect(result).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('"Edited by"', () => {
  it('is appended once when an editor moves the story forward, however many steps', async () => {
    await client.call('profile.set', EDITOR);
    const { id } = await client.call('article.create', {});
    expect((await client.call('article.setStatus', { id, to: 'in_edit' })).editedBy).toEqual([{ name: EDITOR.name }]);
    expect((await client.call('article.setStatus', { id, to: 'ready' })).editedBy).toEqual([{ name: EDITOR.name }]);
    expect((await client.call('article.setStatus', { id, to: 'published' })).editedBy).toEqual([{ name: EDITOR.name }]);
  });

  it('is not appended for a reporter moving forward, nor for an editor moving back or spiking', async () => {
    await client.call('profile.set', REPORTER);
    const { id } = await client.call('article.create', {});
    expect((await client.call('article.setStatus', { id, to: 'in_edit' })).editedBy).toEqual([]);
    await client.call('profile.set', EDITOR);
    expect((await client.call('article.setStatus', { id, to: 'draft' })).editedBy).toEqual([]);
    expect((await client.call('article.setStatus', { id, to: 'spiked' })).editedBy).toEqual([]);
  });

  it('credits a second editor beside the first, and not someone already typed in by hand', async () => {
    await client.call('profile.set', REPORTER);
    const { id } = await client.call('article.create', {});
    const story = await openStory(client, id);
    await story.edit((doc) => articleParts(doc).editedBy.push([{ name: EDITOR.name }]));
    await client.call('profile.set', EDITOR);
    expect((await client.call('article.setStatus', { id, to: 'in_edit' })).editedBy).toEqual([{ name: EDITOR.name }]);
    await client.call('profile.set', { name: 'Ines Moreau', role: 'editor' });
    const ready = await client.call('article.setStatus', { id, to: 'ready' });
    expect(ready.editedBy).toEqual([{ name: EDITOR.name }, { name: 'Ines Moreau' }]);
  });
});

describe('status changes reach the document', () => {
  it('sets publishedAt on publish and keeps the first date when published again', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2025-10-15T09:30:00Z'));
      const id = await storyAt('published');
      const first = readArticleFields((await openStory(client, id)).doc).publishedAt;
      expect(first).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
      expect(Date.parse(first!)).toBe(Date.parse('2025-10-15T09:30:00Z'));
      vi.setSystemTime(new Date('2025-10-16T12:00:00Z'));
      for (const to of ['draft', 'in_edit', 'ready', 'published'] as const) await client.call('article.setStatus', { id, to });
      expect(readArticleFields((await openStory(client, id)).doc).publishedAt).toBe(first);
    } finally {
      vi.useRealTimers();
    }
  });

  it('does not set publishedAt for any other move', async () => {
    const id = await storyAt('ready');
    await client.call('article.setStatus', { id, to: 'spiked' });
    expect(readArticleFields((await openStory(client, id)).doc).publishedAt).toBeNull();
  });

  it('sends the move to every session with the story open, the mover included', async () => {
    await client.call('profile.set', EDITOR);
    const { id } = await client.call('article.create', {});
    const viewer = connect(core);
    const mine = await openStory(client, id);
    const theirs = await openStory(viewer, id);
    await client.call('article.setStatus', { id, to: 'in_edit' });
    for (const [who, story] of [[client, mine], [viewer, theirs]] as const) {
      for (const e of who.events) {
        if (e.event === 'article.updated' && (e.payload as { id: string }).id === id) {
          Y.applyUpdate(story.doc, base64ToBytes((e.payload as { update: string }).update), 'remote');
        }
      }
      expect(readArticleFields(story.doc)).toMatchObject({ status: 'in_edit', editedBy: [{ name: EDITOR.name }] });
    }
  });
});

describe('a profile is needed', () => {
  it('refuses to create a story without a profile (profile_required), and creates once there is one', async () => {
    const fresh = openTestCore();
    try {
      const anonymous = connect(fresh);
      expect(await anonymous.session.invoke('article.create', {})).toMatchObject({ ok: false, error: { code: 'profile_required' } });
      expect((await anonymous.call('library.list', {})).total).toBe(0);
      await anonymous.call('profile.set', REPORTER);
      const { id } = await anonymous.call('article.create', {});
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await fresh.close();
    }
  });
});
