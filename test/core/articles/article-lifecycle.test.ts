import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { articleParts, applyTextChange, readArticleFields } from '../../../shared/article-doc';
import { connect, EDITOR, openStory, openTestCore, REPORTER, CHECKS_OFF } from '../../helpers/core';
import type { Core } from '../../../electron/core/core';

let core: Core | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a story from creation to search', () => {
  it('creates, edits, derives the library row and finds the story by a body word', async () => {
    core = openTestCore();
    const client = connect(core);
    await client.call('profile.set', REPORTER);
    const { id } = await client.call('article.create', { section: 'Politics' });
    const story = await openStory(client, id);
    await story.edit((doc) => {
      const parts = articleParts(doc);
      applyTextChange(parts.headline, "Syria's new leader visits Moscow for talks with Putin");
      applyTextChange(parts.kicker, 'Syria');
      const paragraph = parts.body.get(0) as Y.XmlElement;
      paragraph.insert(0, [new Y.XmlText('Moscow had been the main ally of the dictator.')]);
    });
    await wait(30);
    const page = await client.call('library.list', { query: 'dictator' });
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({ id, headline: "Syria's new leader visits Moscow for talks with Putin", kicker: 'Syria', section: 'Politics', status: 'draft' });
    expect(page.items[0]!.wordCount).toBe(9);
  });

  it('survives a restart: every acknowledged edit is loaded from disk', async () => {
    core = openTestCore();
    const dataDir = core.dataDir;
    const client = connect(core);
    await client.call('profile.set', REPORTER);
    const { id } = await client.call('article.create', {});
    const story = await openStory(client, id);
    for (const word of ['one ', 'two ', 'three']) {
      await story.edit((doc) => {
        const text = articleParts(doc).teaser;
        text.insert(text.length, word);
      });
    }
    await core.close();
    core = openTestCore({ dataDir });
    const again = connect(core);
    const reopened = await openStory(again, id);
    expect(readArticleFields(reopened.doc).teaser).toBe('one two three');
  });

  it('moves through the workflow and credits the editor once', async () => {
    core = openTestCore();
    const client = connect(core);
    await client.call('profile.set', EDITOR);
    await client.call('config.set', { workflowRules: CHECKS_OFF });
    const { id } = await client.call('article.create', {});
    await client.call('article.setStatus', { id, to: 'in_edit' });
    const ready = await client.call('article.setStatus', { id, to: 'ready' });
    expect(ready.editedBy).toEqual([{ name: 'Wesley Rahn' }]);
    const refused = await client.session.invoke('article.setStatus', { id, to: 'draft' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'transition_refused' } });
  });
});
