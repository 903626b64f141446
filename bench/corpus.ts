import * as Y from 'yjs';
import { articleParts, seedArticle } from '../shared/article-doc';
import { isoWithOffset } from '../shared/time';

/**
 * Deterministic newsroom-like text for benchmarks: a Zipf-like mix of common
 * English news words and a long tail of rare words, so searches for common
 * terms match tens of thousands of stories and rare ones a handful.
 */
export const COMMON_WORDS = (
  'the of and to in a is that for on said with was as his it by at from he be have has are an not this but ' +
  'government minister president police city people year week country party election war health report ' +
  'official market economy court council police military talks state national capital attack company ' +
  'school energy climate water border crisis budget vote leader agreement security hospital university ' +
  'moscow berlin syria russia europe washington london paris brussels kyiv damascus beijing'
).split(/\s+/);

export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = ['ka', 'lo', 'mi', 'ter', 'van', 'dro', 'sel', 'por', 'qui', 'nex', 'bal', 'tor', 'ren', 'sha', 'vik', 'lum'];

/** Rare word number n: pronounceable, unique, never a common word. */
export function rareWord(n: number): string {
  let word = '';
  let x = n + 17;
  do {
    word += SYLLABLES[x % SYLLABLES.length];
    x = Math.floor(x / SYLLABLES.length);
  } while (x > 0);
  return `${word}x`;
}

export const RARE_VOCABULARY = 200_000;

export function makeWords(rand: () => number, count: number): string[] {
  const words: string[] = [];
  for (let i = 0; i < count; i++) {
    if (rand() < 0.8) words.push(COMMON_WORDS[Math.floor(rand() ** 2 * COMMON_WORDS.length)]!);
    else words.push(rareWord(Math.floor(rand() ** 3 * RARE_VOCABULARY)));
  }
  return words;
}

/** Builds a story document: headline, kicker, teaser, bylines and `words` of body in paragraphs and subheads. */
export function buildStoryDoc(rand: () => number, words: number, createdMs: number): Y.Doc {
  const doc = new Y.Doc();
  const sentence = (n: number) => {
    const w = makeWords(rand, n);
    w[0] = w[0]![0]!.toUpperCase() + w[0]!.slice(1);
    return `${w.join(' ')}.`;
  };
  seedArticle(doc, {
    createdAt: isoWithOffset(createdMs),
    language: 'en',
    section: ['Politics', 'World', 'Business', 'Science', 'Culture', 'Sport'][Math.floor(rand() * 6)]!,
    headline: sentence(8).slice(0, -1),
    kicker: makeWords(rand, 1)[0]!,
    teaser: sentence(30),
    bylines: [{ id: 'b1', name: ['Richard Connor', 'Ana Silva', 'Wesley Rahn', 'Mei Chen'][Math.floor(rand() * 4)]!, role: 'author' }],
    sources: ['Reuters', 'AP'],
  });
  const body = articleParts(doc).body;
  doc.transact(() => {
    body.delete(0, body.length);
    let written = 0;
    const blocks: Y.XmlElement[] = [];
    while (written < words) {
      if (blocks.length > 0 && blocks.length % 8 === 0) {
        const heading = new Y.XmlElement('heading');
        heading.setAttribute('level', 2 as unknown as string);
        heading.insert(0, [new Y.XmlText(sentence(6).slice(0, -1))]);
        blocks.push(heading);
        written += 6;
      }
      const paragraph = new Y.XmlElement('paragraph');
      const sentences: string[] = [];
      const target = Math.min(words - written, 40 + Math.floor(rand() * 60));
      let n = 0;
      while (n < target) {
        const len = Math.min(target - n, 8 + Math.floor(rand() * 14));
        sentences.push(sentence(len));
        n += len;
      }
      paragraph.insert(0, [new Y.XmlText(sentences.join(' '))]);
      blocks.push(paragraph);
      written += n;
    }
    body.insert(0, blocks);
  });
  return doc;
}
