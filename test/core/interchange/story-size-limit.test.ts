import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bytesToBase64 } from '../../../shared/base64';
import { DEFAULT_STORY_WORD_LIMIT, storySizeRefusal } from '../../../shared/story-size';
import type { Core } from '../../../electron/core/core';
import { connect, openTestCore, REPORTER } from '../../helpers/core';
import { makeTempDir } from '../../helpers/temp-dir';

const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

/** A core whose newsroom policy sets the story word limit. */
async function withLimit(limit: number) {
  const dataDir = makeTempDir();
  const policyFile = path.join(dataDir, 'policy.json');
  fs.writeFileSync(policyFile, JSON.stringify({ storyWordLimit: limit }));
  const core = openTestCore({ dataDir, policyFile });
  cores.push(core);
  const client = connect(core);
  await client.call('profile.set', REPORTER);
  return client;
}

const text = (words: number) => `Headline of the long read\n\n${Array.from({ length: words - 5 }, (_, i) => `word${i}`).join(' ')}.\n`;
const file = (name: string, body: string) => ({ name, bytes: bytesToBase64(new TextEncoder().encode(body)) });

describe('the story size limit', () => {
  it('says how long the story would be and what the limit is, and only past the limit', () => {
    expect(storySizeRefusal('This paste', 1_000, 149_000, DEFAULT_STORY_WORD_LIMIT)).toBeNull();
    expect(storySizeRefusal('This paste', 1_000, 150_000, DEFAULT_STORY_WORD_LIMIT)).toBe(
      "This paste would make the story 151,000 words long; the newsroom's limit for one story is 150,000 words. Nothing was added: split it into several stories.",
    );
    expect(storySizeRefusal('“book.txt”', 0, 200_001, DEFAULT_STORY_WORD_LIMIT)).toMatch(/^“book\.txt” is 200,001 words long; .* 150,000 words\. Nothing was added/);
  });

  it('refuses an import past the newsroom’s limit whole, creating nothing; one under it is imported', async () => {
    const client = await withLimit(5_000);
    expect((await client.call('config.get', {})).storyWordLimit).toBe(5_000);
    await expect(client.call('article.importFile', file('book.txt', text(5_200)))).rejects.toThrow(/too_large: “book\.txt” is 5,2\d\d words long; the newsroom's limit for one story is 5,000 words/);
    expect((await client.call('library.list', {})).items).toEqual([]);
    const { id } = await client.call('article.importFile', file('long-read.txt', text(4_000)));
    expect((await client.call('library.list', {})).items.map((item) => item.id)).toEqual([id]);
  });

  it('is 150,000 words unless the policy says otherwise; a policy value out of range is refused with the reason', async () => {
    const core = openTestCore();
    cores.push(core);
    expect((await connect(core).call('config.get', {})).storyWordLimit).toBe(DEFAULT_STORY_WORD_LIMIT);
    const dataDir = makeTempDir();
    const policyFile = path.join(dataDir, 'policy.json');
    fs.writeFileSync(policyFile, JSON.stringify({ storyWordLimit: 10 }));
    const refused = openTestCore({ dataDir, policyFile });
    cores.push(refused);
    const view = await connect(refused).call('config.get', {});
    expect(view.storyWordLimit).toBe(DEFAULT_STORY_WORD_LIMIT);
    expect(view.policyProblem).toMatch(/storyWordLimit/);
  });
});
