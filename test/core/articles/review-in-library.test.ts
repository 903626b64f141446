import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { articleParts, applyTextChange } from '../../../shared/article-doc';
import { fieldAnchor, setResolved, startThread } from '../../../shared/review/comments';
import { connect, openStory, openTestCore, REPORTER } from '../../helpers/core';
import type { Core } from '../../../electron/core/core';
import { waitUntil } from '../../helpers/sync';

let core: Core | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

const ana = { authorId: 'Ana Ruiz', authorName: 'Ana Ruiz' };
const AT = '2026-12-03T10:00:00.000Z';

/** ADR 0072: the library shows a story's open suggestions and comments, and finds where someone was mentioned. */
describe('the review layer in the library', () => {
  it('counts open suggestions and comment threads, and "Mentions me" lists the stories that mention you', async () => {
    core = openTestCore();
    const client = connect(core);
    await client.call('profile.set', REPORTER);
    const { id } = await client.call('article.create', {});
    const { id: other } = await client.call('article.create', {});
    const story = await openStory(client, id);
    await story.edit((doc) => {
      const parts = articleParts(doc);
      applyTextChange(parts.headline, 'Sharaa meets Putin');
      const paragraph = parts.body.get(0) as Y.XmlElement;
      const text = new Y.XmlText();
      paragraph.insert(0, [text]);
      text.insert(0, 'Talks ended ');
      text.insert(12, 'abruptly', { suggestedInsertion: { id: 's1', authorId: 'Wes', authorName: 'Wes', at: AT } });
      text.insert(20, ' today', { suggestedDeletion: { id: 's2', authorId: 'Wes', authorName: 'Wes', at: AT } });
      text.insert(26, '.');
      startThread(doc, { id: 't1', field: 'headline', ...fieldAnchor(parts.headline, 0, 6), quote: 'Sharaa', author: ana, at: AT, text: '@Richard Connor check this', mentions: ['Richard Connor'] });
      startThread(doc, { id: 't2', field: 'headline', ...fieldAnchor(parts.headline, 13, 18), quote: 'Putin', author: ana, at: AT, text: 'ok?', mentions: [] });
    });
    const row = async () => (await client.call('library.list', {})).items.find((item) => item.id === id)!;
    await waitUntil(async () => (await row()).openComments === 2, 'the row with its comments');
    expect(await row()).toMatchObject({ openSuggestions: 2, openComments: 2, wordCount: 3 });
    expect((await client.call('library.list', {})).items.find((item) => item.id === other)).toMatchObject({ openSuggestions: 0, openComments: 0 });

    const mentioning = async (name: string) => (await client.call('library.list', { mentioning: name })).items.map((item) => item.id);
    expect(await mentioning('richard connor')).toEqual([id]);
    expect(await mentioning('Ana Ruiz')).toEqual([]);

    // Resolved, the thread no longer counts, nor does its mention.
    await story.edit((doc) => setResolved(doc, 't1', true, ana, AT));
    await waitUntil(async () => (await row()).openComments === 1, 'one thread left open');
    expect(await mentioning('Richard Connor')).toEqual([]);
    await expect(client.call('library.list', { mentioning: '' })).rejects.toThrow();
  });
});
