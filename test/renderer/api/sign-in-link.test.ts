import { describe, expect, it } from 'vitest';
import { tokenFromSignInLink } from '../../../renderer/api/sign-in-link';

/** The "New sign-in link" field of a tab whose session ended (ADR 0068): what a person may paste there. */
const HERE = 'http://127.0.0.1:4817';

describe('a pasted sign-in link', () => {
  it('gives its token when it is a link for this address, pasted with stray spaces', () => {
    expect(tokenFromSignInLink('  http://127.0.0.1:4817/#token=abc_DEF-123 \n', HERE)).toEqual({ ok: true, token: 'abc_DEF-123' });
  });

  it('asks for a link when the field is empty', () => {
    expect(tokenFromSignInLink('   ', HERE)).toEqual({ ok: false, message: 'Paste the sign-in link Lede printed in its terminal first.' });
  });

  it('says what a link looks like when the text is not one (a bare token, a sentence, another scheme)', () => {
    for (const text of ['abc_DEF-123', 'Lede is ready at', 'javascript:alert(1)', 'file:///tmp/#token=x']) {
      const result = tokenFromSignInLink(text, HERE);
      expect(result).toEqual({ ok: false, message: `That is not a sign-in link. Paste the whole address Lede printed, like ${HERE}/#token=…` });
    }
  });

  it('refuses a link for another port or host, naming both addresses', () => {
    const result = tokenFromSignInLink('http://127.0.0.1:5000/#token=abc', HERE);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/^That link is for Lede at http:\/\/127\.0\.0\.1:5000, but this tab is at http:\/\/127\.0\.0\.1:4817\./);
    expect(tokenFromSignInLink('http://localhost:4817/#token=abc', HERE).ok).toBe(false);
  });

  it('says the token is missing when the link was cut short', () => {
    expect(tokenFromSignInLink('http://127.0.0.1:4817/', HERE)).toEqual({ ok: false, message: 'That link has no sign-in token (the part after #token=). Copy the whole line Lede printed.' });
    expect(tokenFromSignInLink('http://127.0.0.1:4817/#token=', HERE).ok).toBe(false);
  });
});
