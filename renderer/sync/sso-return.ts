/** What the web shell's return page put in the fragment after single sign-on (electron/web/sso-return.ts). */
export type SsoReturnInUrl = { code: string } | { error: string };

/**
 * Takes the single sign-on answer out of the address, once: the code is
 * useless without core's verifier, but it has no business in the history
 * or in a screenshot either.
 */
export function takeSsoReturn(): SsoReturnInUrl | null {
  if (typeof location === 'undefined' || !location.hash.startsWith('#sso=')) return null;
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(decodeURIComponent(location.hash.slice('#sso='.length)));
  } catch {
    params = new URLSearchParams();
  }
  history.replaceState(null, '', location.pathname + location.search);
  const code = params.get('code');
  if (code) return { code };
  return { error: params.get('error_description')?.slice(0, 500) || 'The sign-in did not complete. Try again.' };
}
