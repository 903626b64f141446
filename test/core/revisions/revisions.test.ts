import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyTextChange, articleParts, bodyPlainText } from '../../../shared/article-doc';
import type { Core } from '../../../electron/core/core';
import { connect, EDITOR, openStory, openTestCore, type TestClient } from '../../helpers/core';

/** History: checkpoints, a diff between any two, restore as a new change that merges with a colleague's. */

let core: Core | null = null;
afterEach(async () => {
  await core?.close();
  core = null;
});

async function start(options: Parameters<typeof openTestCore>[0] = {}): Promise<TestClient> {
  core = openTestCore(options);
  const client = connect(core);
  await client.call('profile.set', EDITOR);
  return client;
}

function subhead(text: string): Y.XmlElement {
  const element = new Y.XmlElement('heading');
  element.setAttribute('level', 2 as unknown as string);
  element.insert(0, [new Y.XmlText(text)]);
  return element;
}

function paragraph(text: string): Y.XmlElement {
  const element = new Y.XmlElement('paragraph');
  element.insert(0, [new Y.XmlText(text)]);
  return element;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('checkpoints', () => {
  it('are taken on every status change, with author, time, reason and status', async () => {
    const client = await start();
    const { id } = await client.call('article.create', {});
    await client.call('article.setStatus', { id, to: 'in_edit' });
    await client.call('article.setStatus', { id, to: 'draft' });
    const { items } = await client.call('article.revisions', { id });
    expect(items.map((r) => [r.reason, r.detail, r.status, r.author])).toEqual([
      ['status', 'In edit → Draft', 'draft', EDITOR.name],
      ['status', 'Draft → In edit', 'in_edit', EDITOR.name],
    ]);
    expect(items[0]!.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(client.events.filter((e) => e.event === 'article.revisionsChanged')).toHaveLength(0); // not open: no viewers to tell
  });

  it('are taken once editing goes quiet, not per keystroke, and when the story is closed', async () => {
    const client = await start({ revisionIdleMs: 80, revisionMaxDirtyMs: 60_000 });
    const { id } = await client.call('article.create', {});
    const story = await openStory(client, id);
    for (const word of ['Floods ', 'close ', 'the ', 'Rhine']) {
      await story.edit((doc) => articleParts(doc).headline.insert(articleParts(doc).headline.length, word));
    }
    expect((await client.call('article.revisions', { id })).items).toHaveLength(0);
    await wait(200);
    const quiet = (await client.call('article.revisions', { id })).items;
    expect(quiet.map((r) => r.reason)).toEqual(['editing']);
    expect(client.events.some((e) => e.event === 'article.revisionsChanged')).toBe(true);
    await story.edit((doc) => applyTextChange(articleParts(doc).teaser, 'Barges are stuck.'));
    await client.call('article.close', { id });
    expect((await client.call('article.revisions', { id })).items.map((r) => r.reason)).toEqual(['editing', 'editing']);
  });

  it('are taken during long continuous editing, after the longest stretch allowed', async () => {
    const client = await start({ revisionIdleMs: 60_000, revisionMaxDirtyMs: 50 });
    const { id } = await client.call('article.create', {});
    const story = await openStory(client, id);
    await story.edit((doc) => applyTextChange(articleParts(doc).headline, 'One'));
    await wait(80);
    await story.edit((doc) => applyTextChange(articleParts(doc).headline, 'One two'));
    expect((await client.call('article.revisions', { id })).items).toHaveLength(1);
  });
});

describe('diff', () => {
  it('marks added and deleted words per block and lists changed fields', async () => {
    const client = await start();
    const { id } = await client.call('article.create', {});
    const story = await openStory(client, id);
    await story.edit((doc) => {
      const parts = articleParts(doc);
      applyTextChange(parts.headline, 'Floods close the Rhine');
      applyTextChange(parts.teaser, 'Barges are stuck near Koblenz.');
      (parts.body.get(0) as Y.XmlElement).insert(0, [new Y.XmlText('Water rose overnight.')]);
      parts.body.push([paragraph('Shippers wait.')]);
    });
    await client.call('article.setStatus', { id, to: 'in_edit' });
    await story.edit((doc) => {
      const parts = articleParts(doc);
      applyTextChange(parts.teaser, 'Barges are stuck near Koblenz and Bonn.');
      parts.body.delete(1, 1);
      parts.body.push([paragraph('Locks reopen Monday.')]);
      parts.sources.push(['dpa']);
    });
    await client.call('article.setStatus', { id, to: 'draft' });
    const [later, earlier] = (await client.call('article.revisions', { id })).items;
    const { diff, from, to } = await client.call('article.revisionDiff', { id, from: earlier!.id, to: later!.id });
    expect([from.id, to?.id]).toEqual([earlier!.id, later!.id]);
    expect(diff.fields.map((f) => f.label)).toEqual(['Teaser', 'Sources', 'Status']);
    expect(diff.fields[0]!.parts).toEqual([
      { op: 'equal', text: 'Barges are stuck near Koblenz' },
      { op: 'insert', text: ' and Bonn' },
      { op: 'equal', text: '.' },
    ]);
    expect(diff.body).toEqual([
      { kind: 'same', label: 'Paragraph', text: 'Water rose overnight.', by: null },
      {
        kind: 'changed',
        label: 'Paragraph',
        parts: [
          { op: 'delete', text: 'Shippers wait' },
          { op: 'insert', text: 'Locks reopen Monday' },
          { op: 'equal', text: '.' },
        ],
        by: EDITOR.name,
      },
    ]);
    expect(diff.fields.map((f) => f.by)).toEqual([EDITOR.name, EDITOR.name, EDITOR.name]);
    const toNow = await client.call('article.revisionDiff', { id, from: later!.id, to: 'current' });
    expect(toNow.to).toBeNull();
    expect(toNow.diff.fields).toEqual([]);
    await expect(client.session.invoke('article.revisionDiff', { id, from: 999_999, to: 'current' })).resolves.toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('who made each change (ADR 0073)', () => {
  it('credits a change to the person whose version first had it, and what is gone to whose version first lacked it', async () => {
    const client = await start({ revisionIdleMs: 60_000, revisionMaxDirtyMs: 60_000 });
    const { id } = await client.call('article.create', {});
    const story = await openStory(client, id);
    const taken = (author: string) => core!.internals.revisions.checkpoint(id, 'editing', '', author)!;
    await story.edit((doc) => {
      applyTextChange(articleParts(doc).headline, 'Floods');
      (articleParts(doc).body.get(0) as Y.XmlElement).insert(0, [new Y.XmlText('Water rose.')]);
    });
    const first = taken('Richard Connor');
    await story.edit((doc) => {
      applyTextChange(articleParts(doc).teaser, 'Barges are stuck.');
      articleParts(doc).body.push([subhead('What shippers say')]);
    });
    taken('Ana Berg');
    await story.edit((doc) => articleParts(doc).body.delete(0, 1));
    const third = taken('Wesley Rahn');
    // Typed here since the last version: the comparison with the story now checkpoints it first, in this person's name.
    await story.edit((doc) => applyTextChange(articleParts(doc).headline, 'Floods close the Rhine'));

    const toNow = (await client.call('article.revisionDiff', { id, from: first, to: 'current' })).diff;
    expect(toNow.fields.map((f) => [f.label, f.by])).toEqual([
      ['Headline', EDITOR.name],
      ['Teaser', 'Ana Berg'],
    ]);
    expect(toNow.body.map((b) => [b.kind, b.by])).toEqual([
      ['removed', 'Wesley Rahn'],
      ['added', 'Ana Berg'],
    ]);
    // The other way round, newer against older: the same people for the same changes.
    const back = (await client.call('article.revisionDiff', { id, from: third, to: first })).diff;
    expect(back.fields.map((f) => [f.label, f.by])).toEqual([['Teaser', 'Ana Berg']]);
    expect(back.body.map((b) => [b.kind, b.label, b.by])).toEqual([
      ['removed', 'Subhead', 'Ana Berg'],
      ['added', 'Paragraph', 'Wesley Rahn'],
    ]);
  });

  it('a colleague’s edit arriving by sync is not checkpointed here in this person’s name', async () => {
    const client = await start({ revisionIdleMs: 50, revisionMaxDirtyMs: 60_000 });
    const { id } = await client.call('article.create', {});
    const colleague = new Y.Doc();
    Y.applyUpdate(colleague, Y.encodeStateAsUpdate(core!.internals.articles.doc(id)));
    const before = Y.encodeStateVector(colleague);
    applyTextChange(articleParts(colleague).headline, 'Written on another laptop');
    core!.internals.live.apply(`article:${id}`, Y.encodeStateAsUpdate(colleague, before), 'sync');
    await wait(150);
    expect(articleParts(core!.internals.articles.doc(id)).headline.toString()).toBe('Written on another laptop');
    expect((await client.call('article.revisions', { id })).items).toEqual([]);
  });
});

describe('restore', () => {
  it('brings back last night’s teaser as a new change, checkpointing what it replaces', async () => {
    const client = await start();
    const { id } = await client.call('article.create', {});
    const story = await openStory(client, id);
    await story.edit((doc) => applyTextChange(articleParts(doc).teaser, 'Last night’s teaser.'));
    await client.call('article.setStatus', { id, to: 'in_edit' });
    const night = (await client.call('article.revisions', { id })).items[0]!;
    await story.edit((doc) => {
      applyTextChange(articleParts(doc).teaser, 'A worse teaser.');
      applyTextChange(articleParts(doc).headline, 'Headline written this morning');
    });
    const { revisionId } = await client.call('article.restoreRevision', { id, revisionId: night.id, parts: ['teaser'] });
    // Only the teaser came back; the morning's headline stays.
    const now = articleParts(core!.internals.articles.doc(id));
    expect(now.teaser.toString()).toBe('Last night’s teaser.');
    expect(now.headline.toString()).toBe('Headline written this morning');
    const items = (await client.call('article.revisions', { id })).items;
    expect(items[0]).toMatchObject({ id: revisionId, reason: 'restored', detail: expect.stringMatching(/^teaser from the version of \d{4}-/) });
    expect(items[1]).toMatchObject({ reason: 'editing', detail: 'Before restoring an older version' });
    // The restore reached the open copy as an ordinary update.
    expect(client.events.some((e) => e.event === 'article.updated')).toBe(true);
  });

  it('merges with a colleague’s concurrent edit instead of losing it', async () => {
    const client = await start();
    const colleague = connect(core!);
    const { id } = await client.call('article.create', {});
    const mine = await openStory(client, id);
    await mine.edit((doc) => {
      const parts = articleParts(doc);
      applyTextChange(parts.headline, 'Floods close the Rhine');
      applyTextChange(parts.teaser, 'Barges are stuck.');
      (parts.body.get(0) as Y.XmlElement).insert(0, [new Y.XmlText('Water rose overnight.')]);
      parts.body.push([paragraph('Shippers wait.'), paragraph('Prices rise.')]);
    });
    await client.call('article.setStatus', { id, to: 'in_edit' });
    const version = (await client.call('article.revisions', { id })).items[0]!;
    await mine.edit((doc) => {
      const parts = articleParts(doc);
      applyTextChange(parts.teaser, 'Barges are stuck; a rewrite nobody liked.');
      (parts.body.get(1) as Y.XmlElement).delete(0, 1);
      parts.body.delete(1, 1);
    });
    // The colleague's copy is current, but has not seen the restore yet when they type.
    const theirs = await openStory(colleague, id);
    const theirEdit = Y.encodeStateVector(theirs.doc);
    theirs.doc.transact(() => {
      const text = (articleParts(theirs.doc).body.get(0) as Y.XmlElement).get(0) as Y.XmlText;
      text.insert(text.length, ' Police closed the banks.');
      articleParts(theirs.doc).headline.insert(0, 'Breaking: ');
    }, 'local');
    const pending = Y.encodeStateAsUpdate(theirs.doc, theirEdit);

    await client.call('article.restoreRevision', { id, revisionId: version.id });
    await colleague.call('article.update', { id, update: Buffer.from(pending).toString('base64') });

    const result = core!.internals.articles.doc(id);
    const parts = articleParts(result);
    expect(parts.teaser.toString()).toBe('Barges are stuck.');
    expect(parts.headline.toString()).toBe('Breaking: Floods close the Rhine');
    expect(bodyPlainText(parts.body).split('\n')).toEqual(['Water rose overnight. Police closed the banks.', 'Shippers wait.', 'Prices rise.']);
  });
});
