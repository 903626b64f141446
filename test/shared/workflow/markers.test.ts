import { describe, expect, it } from 'vitest';
import { findMarkers } from '../../../shared/workflow/markers';

describe('unresolved placeholders', () => {
  it.each([
    ['Casualties: TK', ['TK']],
    ['TKTK quote from the minister', ['TKTK']],
    ['The mayor [[check spelling]] said', ['[[check spelling]]']],
    ['More to come ##', ['##']],
    ['(TK) and TK.', ['TK', 'TK']],
  ])('finds them in %j', (text, markers) => {
    expect(findMarkers(text).map((hit) => hit.marker)).toEqual(markers);
  });

  it.each(['Tkachenko met the TKO champion', 'Atkins', 'tk in lower case', 'a single [bracket] note', '#hashtag'])('leaves ordinary words alone: %j', (text) => {
    expect(findMarkers(text)).toEqual([]);
  });
});
