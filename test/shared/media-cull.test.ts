import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyCull, cullFromXmp, describeCull, NO_CULL, readCull, CULL_MAP } from '../../shared/media-cull';
import { seedMedia } from '../../shared/media-doc';

const FACTS = { filename: 'a.jpg', format: 'jpeg', bytes: 1, width: 1, height: 1, takenAt: '', camera: '', lens: '', importedAt: '' };

/** Two laptops with the same photo document, each changing it offline. */
function twoLaptops(): [Y.Doc, Y.Doc] {
  const base = new Y.Doc();
  seedMedia(base, FACTS, { caption: 'Fans at the stadium' });
  const a = new Y.Doc();
  const b = new Y.Doc();
  Y.applyUpdate(a, Y.encodeStateAsUpdate(base));
  Y.applyUpdate(b, Y.encodeStateAsUpdate(base));
  return [a, b];
}

function merged(first: Y.Doc, second: Y.Doc): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(first));
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(second));
  return doc;
}

describe('cull values in a photo’s document', () => {
  it('reads unset as no stars, no label, not tagged, not rejected', () => {
    expect(readCull(new Y.Doc())).toEqual(NO_CULL);
  });

  it('merges field by field: stars from one laptop and a label from the other both survive, in either order', () => {
    const [a, b] = twoLaptops();
    applyCull(a, { rating: 4 });
    applyCull(b, { label: 'red', tagged: true });
    const expected = { rating: 4, label: 'red', tagged: true, rejected: false };
    expect(readCull(merged(a, b))).toEqual(expected);
    expect(readCull(merged(b, a))).toEqual(expected);
  });

  it('two laptops rating the same photo offline end with one rating, the same on both whatever the order', () => {
    const [a, b] = twoLaptops();
    applyCull(a, { rating: 2 });
    applyCull(b, { rating: 5 });
    const ab = readCull(merged(a, b));
    const ba = readCull(merged(b, a));
    expect(ab).toEqual(ba);
    expect([2, 5]).toContain(ab.rating);
  });

  it('the later writer wins once it has seen the earlier change', () => {
    const [a, b] = twoLaptops();
    applyCull(a, { rating: 2 });
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    applyCull(b, { rating: 5 });
    expect(readCull(merged(a, b)).rating).toBe(5);
    expect(readCull(merged(b, a)).rating).toBe(5);
  });

  it('rejecting keeps the stars, and taking the rejection back shows them again', () => {
    const doc = new Y.Doc();
    applyCull(doc, { rating: 3 });
    applyCull(doc, { rejected: true });
    expect(readCull(doc)).toMatchObject({ rating: 3, rejected: true });
    applyCull(doc, { rejected: false });
    expect(readCull(doc)).toMatchObject({ rating: 3, rejected: false });
  });

  it('writes nothing when a value is already so (no update to store or sync)', () => {
    const doc = new Y.Doc();
    applyCull(doc, { rating: 3 });
    let updates = 0;
    doc.on('update', () => updates++);
    applyCull(doc, { rating: 3, label: 'none' });
    expect(updates).toBe(0);
  });

  it('reads malformed values (an old or broken client) as unset', () => {
    const doc = new Y.Doc();
    const map = doc.getMap<unknown>(CULL_MAP);
    map.set('rating', 9);
    map.set('label', 'purple');
    map.set('tagged', 'yes');
    expect(readCull(doc)).toEqual(NO_CULL);
  });

  it('seeds what the file says with the content writer: two laptops importing the same rated file keep one rating', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    seedMedia(a, FACTS, { caption: 'x' }, { rating: 3, label: 'green' });
    seedMedia(b, FACTS, { caption: 'x' }, { rating: 3, label: 'green' });
    const doc = merged(a, b);
    expect(readCull(doc)).toMatchObject({ rating: 3, label: 'green' });
    expect(doc.getText('caption').toString()).toBe('x');
  });
});

describe('cull values from XMP', () => {
  it('reads Lightroom’s and Photo Mechanic’s values: −1 is rejected, labels by name in any case, the tagged flag', () => {
    expect(cullFromXmp('-1', '', undefined)).toEqual({ rejected: true });
    expect(cullFromXmp('4', 'Red', 'True')).toEqual({ rating: 4, label: 'red', tagged: true });
    expect(cullFromXmp(2, 'BLUE', false)).toEqual({ rating: 2, label: 'blue' });
    expect(cullFromXmp('0', 'Purple', 'False')).toEqual({});
    expect(cullFromXmp(undefined, undefined, undefined)).toEqual({});
  });

  it('says the values in words (not colour alone)', () => {
    expect(describeCull({ rating: 3, label: 'red', tagged: true, rejected: false })).toBe('3 stars, Red label, tagged');
    expect(describeCull({ rating: 1, label: 'none', tagged: false, rejected: true })).toBe('Rejected, 1 star');
    expect(describeCull(NO_CULL)).toBe('no stars');
  });
});
