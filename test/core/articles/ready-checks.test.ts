import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyTextChange, articleParts } from '../../../shared/article-doc';
import type { Core } from '../../../electron/core/core';
import { connect, EDITOR, openStory, openTestCore, REPORTER, type TestClient } from '../../helpers/core';

/** The ready checks through the API: ERROR blocks a move, WARN waits to be confirmed, levels come from config. */

let core: Core;
let client: TestClient;
beforeAll(async () => {
  core = openTestCore();
  client = connect(core);
  await client.call('profile.set', EDITOR);
});
afterAll(async () => {
  await core.close();
});

async function storyInEdit(fill: (doc: Y.Doc) => void): Promise<{ id: string; edit: (fn: (doc: Y.Doc) => void) => Promise<void> }> {
  const { id } = await client.call('article.create', {});
  const story = await openStory(client, id);
  await story.edit(fill);
  await client.call('article.setStatus', { id, to: 'in_edit' });
  return { id, edit: story.edit };
}

const complete = (doc: Y.Doc) => {
  const parts = articleParts(doc);
  applyTextChange(parts.headline, 'Floods close the Rhine');
  applyTextChange(parts.teaser, 'Barges are stuck after days of rain.');
  parts.bylines.push([{ id: 'b1', name: 'Anna Berg', role: 'author' }]);
  (parts.body.get(0) as Y.XmlElement).insert(0, [new Y.XmlText('Barges are stuck near Koblenz.')]);
};

function figure(doc: Y.Doc, attrs: { media?: string; credit?: string; alt?: string }, caption: string): void {
  const element = new Y.XmlElement('figure');
  for (const [key, value] of Object.entries(attrs)) element.setAttribute(key, value);
  element.insert(0, [new Y.XmlText(caption)]);
  articleParts(doc).body.push([element]);
}

describe('ready checks', () => {
  it('a complete story moves to ready without questions', async () => {
    const { id } = await storyInEdit(complete);
    expect((await client.call('article.check', { id, to: 'ready' })).findings).toEqual([]);
    await expect(client.call('article.setStatus', { id, to: 'ready' })).resolves.toMatchObject({ status: 'ready' });
  });

  it('lists every problem with its level and place, and an ERROR blocks the move', async () => {
    const { id } = await storyInEdit((doc) => {
      const parts = articleParts(doc);
      applyTextChange(parts.headline, 'x'.repeat(101));
      applyTextChange(parts.kicker, 'TK');
      (parts.body.get(0) as Y.XmlElement).insert(0, [new Y.XmlText('Officials said [[check figure]] people left.')]);
      parts.body.push([new Y.XmlElement('heading')]);
      figure(doc, { media: 'a'.repeat(64) }, '');
    });
    const { findings, rules } = await client.call('article.check', { id, to: 'ready' });
    expect(rules.map((r) => r.rule)).toContain('unresolved-markers');
    const summary = findings.map((f) => [f.rule, f.level, f.where.field, 'label' in f.where ? f.where.label : '']);
    expect(summary).toEqual([
      ['field-limits', 'ERROR', 'headline', ''],
      ['teaser-present', 'WARN', 'teaser', ''],
      ['byline-present', 'WARN', 'bylines', ''],
      ['figure-caption', 'WARN', 'body', 'Figure 1'],
      ['figure-credit', 'ERROR', 'body', 'Figure 1'],
      ['figure-alt', 'ERROR', 'body', 'Figure 1'],
      ['empty-subhead', 'WARN', 'body', 'Subhead 1'],
      ['unresolved-markers', 'ERROR', 'kicker', ''],
      ['unresolved-markers', 'ERROR', 'body', 'Paragraph 1'],
    ]);
    // The body places point at the node in the editor's document.
    const subhead = findings.find((f) => f.rule === 'empty-subhead')!;
    expect(subhead.where).toMatchObject({ field: 'body', pos: expect.any(Number) });
    const refused = await client.session.invoke('article.setStatus', { id, to: 'ready', acknowledge: ['teaser-present', 'byline-present', 'figure-caption', 'empty-subhead'] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'checks_failed' } });
    if (!refused.ok) expect(refused.error.message).toMatch(/^The story cannot move to Ready yet: Headline is 1 over the limit of 100 characters\./);
    expect((await client.call('library.list', { status: 'in_edit' })).items.map((s) => s.id)).toContain(id);
  });

  it('a WARN asks: refused until the person acknowledges exactly those warnings', async () => {
    const { id } = await storyInEdit((doc) => {
      complete(doc);
      articleParts(doc).bylines.delete(0, 1);
      applyTextChange(articleParts(doc).teaser, '');
    });
    const first = await client.session.invoke('article.setStatus', { id, to: 'ready' });
    expect(first).toMatchObject({ ok: false, error: { code: 'checks_failed', message: expect.stringMatching(/^Confirm the warnings before moving the story to Ready: The story has no teaser\. The story has no byline\./) } });
    const half = await client.session.invoke('article.setStatus', { id, to: 'ready', acknowledge: ['teaser-present'] });
    expect(half).toMatchObject({ ok: false, error: { code: 'checks_failed' } });
    await expect(client.call('article.setStatus', { id, to: 'ready', acknowledge: ['teaser-present', 'byline-present'] })).resolves.toMatchObject({ status: 'ready' });
    // Publishing is stricter by default: the same gaps are errors there.
    const publish = await client.session.invoke('article.setStatus', { id, to: 'published', acknowledge: ['teaser-present', 'byline-present'] });
    expect(publish).toMatchObject({ ok: false, error: { code: 'checks_failed', message: expect.stringMatching(/cannot move to Published/) } });
  });

  it('follows the configured levels: off skips a rule, WARN turns an error into a question', async () => {
    const { id } = await storyInEdit((doc) => {
      complete(doc);
      figure(doc, { media: 'b'.repeat(64), alt: 'Barges' }, 'Barges at Koblenz');
    });
    expect((await client.call('article.check', { id, to: 'ready' })).findings.map((f) => [f.rule, f.level])).toEqual([['figure-credit', 'ERROR']]);
    await client.call('config.set', { workflowRules: { ready: { 'figure-credit': 'WARN' } } });
    expect((await client.call('article.check', { id, to: 'ready' })).findings.map((f) => [f.rule, f.level])).toEqual([['figure-credit', 'WARN']]);
    await client.call('config.set', { workflowRules: { ready: { 'figure-credit': 'off' } } });
    const { rules, findings } = await client.call('article.check', { id, to: 'ready' });
    expect(findings).toEqual([]);
    expect(rules.map((r) => r.rule)).not.toContain('figure-credit');
    await client.call('config.set', { workflowRules: { ready: { 'figure-credit': 'ERROR' } } });
    const config = await client.call('config.get', {});
    expect(config.workflowRules.ready['figure-credit']).toBe('ERROR');
    expect(config.workflowRules.published['figure-credit']).toBe('ERROR');
  });

  it('moves that are not to a checked status are never held up', async () => {
    const { id } = await client.call('article.create', {});
    await expect(client.call('article.setStatus', { id, to: 'in_edit' })).resolves.toMatchObject({ status: 'in_edit' });
    await expect(client.call('article.setStatus', { id, to: 'spiked' })).resolves.toMatchObject({ status: 'spiked' });
  });
});

describe('published and spiked stories are read-only', () => {
  it('refuses edits from sessions until an editor moves the story back to draft', async () => {
    const { id, edit } = await storyInEdit(complete);
    await client.call('article.setStatus', { id, to: 'ready' });
    await client.call('article.setStatus', { id, to: 'published' });
    await expect(edit((doc) => applyTextChange(articleParts(doc).headline, 'Changed after publishing'))).rejects.toThrow(/read_only: This story is published and cannot be changed/);
    // Nothing of the refused edit is stored.
    const reader = await openStory(client, id);
    expect(articleParts(reader.doc).headline.toString()).toBe('Floods close the Rhine');
    // A reporter cannot reopen it; an editor can, and then it is editable again.
    await client.call('profile.set', REPORTER);
    await expect(client.session.invoke('article.setStatus', { id, to: 'draft' })).resolves.toMatchObject({ ok: false, error: { code: 'transition_refused' } });
    await client.call('profile.set', EDITOR);
    await client.call('article.setStatus', { id, to: 'draft' });
    await reader.edit((doc) => applyTextChange(articleParts(doc).headline, 'Floods close the Rhine again'));
    expect(articleParts(core.internals.articles.doc(id)).headline.toString()).toBe('Floods close the Rhine again');
  });

  it('a spiked story is read-only too, and a restore is refused', async () => {
    const { id, edit } = await storyInEdit(complete);
    await client.call('article.setStatus', { id, to: 'spiked' });
    await expect(edit((doc) => applyTextChange(articleParts(doc).teaser, 'More'))).rejects.toThrow(/read_only/);
    const { items } = await client.call('article.revisions', { id });
    const restore = await client.session.invoke('article.restoreRevision', { id, revisionId: items.at(-1)!.id });
    expect(restore).toMatchObject({ ok: false, error: { code: 'read_only' } });
  });
});
