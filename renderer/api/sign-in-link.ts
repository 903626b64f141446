/**
 * Reads the token out of a sign-in link a person pasted (ADR 0068): the whole
 * line the web shell printed, `http://127.0.0.1:4817/#token=…`. Only a link
 * for this page's own address is taken: a session cookie and the unsaved
 * changes kept in the browser both belong to one address, so a link for
 * another port would sign in somewhere this tab cannot reach.
 */
export type SignInLinkResult = { ok: true; token: string } | { ok: false; message: string };

export function tokenFromSignInLink(text: string, pageOrigin: string): SignInLinkResult {
  const pasted = text.trim();
  if (pasted === '') return { ok: false, message: 'Paste the sign-in link Lede printed in its terminal first.' };
  let url: URL;
  try {
    url = new URL(pasted);
  } catch {
    return { ok: false, message: `That is not a sign-in link. Paste the whole address Lede printed, like ${pageOrigin}/#token=…` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, message: `That is not a sign-in link. Paste the whole address Lede printed, like ${pageOrigin}/#token=…` };
  }
  if (url.origin !== pageOrigin) {
    return {
      ok: false,
      message: `That link is for Lede at ${url.origin}, but this tab is at ${pageOrigin}. Paste a link for ${pageOrigin} (Lede started on the same port): this tab’s unsaved changes are kept for this address only.`,
    };
  }
  const token = new URLSearchParams(url.hash.slice(1)).get('token');
  if (!token) return { ok: false, message: 'That link has no sign-in token (the part after #token=). Copy the whole line Lede printed.' };
  return { ok: true, token };
}
