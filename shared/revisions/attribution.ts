import type { StorySnapshot } from '../article-body';
import type { ArticleFields } from '../model';
import { bodyBlocks, fieldText, type BlockChange, type FieldChange, type StoryDiff } from './story-diff';

/**
 * Who made each change a comparison of two versions shows (ADR 0073). A
 * story's history is a list of versions, each taken by one person, from
 * one laptop or from the newsroom's shared history; laptops that worked
 * offline interleave in it by time. So a change is credited by what the
 * versions hold, not by their order alone:
 * - text as it now stands (an added or rewritten block, a field's new
 *   value) goes to the person whose version first had it;
 * - text that is gone goes to the person whose version first lacked it.
 * A change no version in between holds yet (made since the latest version,
 * or on a laptop whose versions have not arrived) has no name: `by` null.
 */

/** One version between the two compared, as the attribution reads it. */
export interface AttributionVersion {
  author: string;
  story: StorySnapshot;
}

export type AttributedFieldChange = FieldChange & { by: string | null };
export type AttributedBlockChange = BlockChange & { by: string | null };

export interface AttributedStoryDiff {
  fields: AttributedFieldChange[];
  body: AttributedBlockChange[];
}

/**
 * `diff` compares `from` with `to`; `span` is every version after the older
 * of the two up to and including the newer, oldest first. `fromIsOlder`
 * says which way the comparison runs: comparing a newer version with an
 * older one shows as "added" what was since taken out.
 */
export function attributeDiff(diff: StoryDiff, span: readonly AttributionVersion[], fromIsOlder: boolean): AttributedStoryDiff {
  const versions = span.map((version) => ({ author: version.author || 'Unknown author', story: version.story, blocks: blockKeys(version.story) }));
  const firstHaving = (key: string) => versions.find((version) => version.blocks.has(key))?.author ?? null;
  const firstLacking = (key: string) => versions.find((version) => !version.blocks.has(key))?.author ?? null;
  const firstWithField = (field: keyof ArticleFields, value: string) =>
    versions.find((version) => fieldText(version.story.fields, field) === value)?.author ?? null;

  const fields = diff.fields.map((change) => ({
    ...change,
    by: firstWithField(change.field as keyof ArticleFields, fromIsOlder ? change.after : change.before),
  }));
  const body = diff.body.map((block): AttributedBlockChange => {
    switch (block.kind) {
      case 'same':
        return { ...block, by: null };
      case 'changed': {
        // The newer side of the rewrite: what the person whose version first had it wrote.
        const newer = block.parts.filter((part) => part.op !== (fromIsOlder ? 'delete' : 'insert')).map((part) => part.text).join('');
        return { ...block, by: firstHaving(blockKey(block.label, newer)) };
      }
      case 'added':
      case 'removed': {
        // Forward, an added block appeared and a removed one disappeared; backward, the other way round.
        const appeared = (block.kind === 'added') === fromIsOlder;
        const key = blockKey(block.label, block.text);
        return { ...block, by: appeared ? firstHaving(key) : firstLacking(key) };
      }
    }
  });
  return { fields, body };
}

/** The people a comparison credits, in the order their changes come (fields first, then the body). */
export function attributedPeople(diff: AttributedStoryDiff): string[] {
  const people: string[] = [];
  for (const change of [...diff.fields, ...diff.body]) {
    if (change.by !== null && !people.includes(change.by)) people.push(change.by);
  }
  return people;
}

function blockKey(label: string, text: string): string {
  return `${label}\u0000${text}`;
}

function blockKeys(story: StorySnapshot): Set<string> {
  return new Set(bodyBlocks(story.body).map((block) => blockKey(block.label, block.text)));
}
