import { describe, expect, it } from 'vitest';
import { isDeskEditor, refusedStoryChange, storyAccess, workflowRoleOn, type Actor, type GuardedStory } from '../../../shared/workflow/story-rules';

const story = (change: Partial<GuardedStory> = {}): GuardedStory => ({
  status: 'draft',
  desk: 'Politics',
  trashedAt: null,
  publishedAt: null,
  createdAt: '2026-12-02T10:00:00+00:00',
  ...change,
});
const reporter: Actor = { role: 'reporter', desks: ['Politics'] };
const editor: Actor = { role: 'editor', desks: ['Politics'] };
const sportEditor: Actor = { role: 'editor', desks: ['Sport'] };
const photoEditor: Actor = { role: 'photo-editor', desks: ['Politics'] };
const admin: Actor = { role: 'admin', desks: [] };
const reader: Actor = { role: 'reader', desks: ['Politics'] };

describe('who sees a story', () => {
  it.each([
    [reporter, 'Politics', 'write'],
    [reporter, 'Sport', 'none'],
    [reporter, null, 'write'],
    [reader, 'Politics', 'read'],
    [reader, 'Sport', 'none'],
    [admin, 'Sport', 'write'],
  ] as const)('%o on %s: %s', (actor, desk, access) => {
    expect(storyAccess(actor, desk)).toBe(access);
  });

  it('the desk editor is an editor on the story’s desk, any editor for an unclaimed story, or an admin', () => {
    expect(isDeskEditor(editor, 'Politics')).toBe(true);
    expect(isDeskEditor(sportEditor, 'Politics')).toBe(false);
    expect(isDeskEditor(sportEditor, null)).toBe(true);
    expect(isDeskEditor(admin, 'Anything')).toBe(true);
    expect(isDeskEditor(reporter, null)).toBe(false);
    expect(workflowRoleOn(sportEditor, 'Politics')).toBe('reporter');
    expect(workflowRoleOn(photoEditor, 'Politics')).toBe('photo_editor');
  });
});

describe('refusedStoryChange', () => {
  it.each([
    ['reporter: draft → in edit', reporter, story(), story({ status: 'in_edit' }), null],
    ['reporter: in edit → ready', reporter, story({ status: 'in_edit' }), story({ status: 'ready' }), null],
    ['reporter: ready → published', reporter, story({ status: 'ready' }), story({ status: 'published', publishedAt: 'x' }), /only a desk editor can publish/],
    ['photo editor: ready → published', photoEditor, story({ status: 'ready' }), story({ status: 'published' }), /only a desk editor can publish/],
    ['editor of another desk: (cannot reach it)', sportEditor, story({ status: 'ready' }), story({ status: 'published' }), /belongs to the Politics desk/],
    ['desk editor: ready → published', editor, story({ status: 'ready' }), story({ status: 'published', publishedAt: 'x' }), null],
    ['desk editor: published → draft', editor, story({ status: 'published' }), story({ status: 'draft' }), null],
    ['reporter: published → draft', reporter, story({ status: 'published' }), story({ status: 'draft' }), /only a desk editor can move a published story back/],
    ['reporter: sets publishedAt alone', reporter, story(), story({ publishedAt: 'x' }), /Only a desk editor sets when/],
    ['reporter: trashes a draft', reporter, story(), story({ trashedAt: 'x' }), null],
    ['reporter: trashes a ready story', reporter, story({ status: 'ready' }), story({ status: 'ready', trashedAt: 'x' }), /once it is Ready/],
    ['reporter: restores a ready story', reporter, story({ status: 'ready', trashedAt: 'x' }), story({ status: 'ready' }), /take a story out of the trash once it is Ready/],
    ['desk editor: trashes a published story', editor, story({ status: 'published' }), story({ status: 'published', trashedAt: 'x' }), null],
    ['anyone: changes the creation date', admin, story(), story({ createdAt: 'y' }), /never changes/],
    ['reporter: claims an unclaimed story for their desk', reporter, story({ desk: null }), story(), null],
    ['reporter: claims one for another desk', reporter, story({ desk: null }), story({ desk: 'Sport' }), /one of your own desks/],
    ['reporter: moves a claimed story', reporter, story(), story({ desk: null }), /administrator/],
    ['desk editor: sends a story to Sport', editor, story(), story({ desk: 'Sport' }), null],
    ['desk editor: takes it off every desk', editor, story(), story({ desk: null }), /administrator/],
    ['admin: takes it off every desk', admin, story(), story({ desk: null }), null],
    ['reader: anything', reader, story(), story({ status: 'in_edit' }), /read stories but not change/],
  ] as const)('%s', (_what, actor, before, after, refused) => {
    const verdict = refusedStoryChange(before, after, actor);
    if (refused === null) expect(verdict).toBeNull();
    else expect(verdict?.message).toMatch(refused);
  });

  it('a new story: a draft on one of the writer’s desks, or anything from its desk editor', () => {
    expect(refusedStoryChange(null, story(), reporter)).toBeNull();
    expect(refusedStoryChange(null, story({ desk: null }), reporter)).toBeNull();
    expect(refusedStoryChange(null, story({ status: 'ready' }), reporter)).toEqual({ message: expect.stringMatching(/starts as a draft/), fields: ['status'] });
    expect(refusedStoryChange(null, story({ desk: 'Sport' }), reporter)?.message).toMatch(/Sport desk, which you are not on/);
    expect(refusedStoryChange(null, story({ status: 'published', publishedAt: 'x' }), editor)).toBeNull();
  });

  it('takes several moves arriving as one change when each step was the person’s to make (offline, or in quick succession)', () => {
    // In edit → Ready → Published by the desk editor, sent as one change.
    expect(refusedStoryChange(story({ status: 'in_edit' }), story({ status: 'published' }), editor)).toBeNull();
    expect(refusedStoryChange(story({ status: 'draft' }), story({ status: 'ready' }), reporter)).toBeNull();
    // No step of the way lets a reporter publish, nor take a published story anywhere.
    expect(refusedStoryChange(story({ status: 'in_edit' }), story({ status: 'published' }), reporter)?.fields).toContain('status');
    expect(refusedStoryChange(story({ status: 'published' }), story({ status: 'in_edit' }), reporter)?.fields).toContain('status');
    expect(refusedStoryChange(story({ status: 'spiked' }), story({ status: 'ready' }), reporter)?.fields).toContain('status');
  });

  it('names the parts a refusal touched, so the laptop can write them back', () => {
    expect(refusedStoryChange(story({ status: 'ready' }), story({ status: 'published' }), reporter)?.fields).toEqual(['status', 'publishedAt']);
    expect(refusedStoryChange(story(), story({ desk: 'Sport' }), reporter)?.fields).toEqual(['desk']);
  });
});
