import { z } from 'zod';

/**
 * Single sign-on through the newsroom's OpenID Connect provider (ADR 0058),
 * as the workstation and the sync server agree on it. The server is the
 * OIDC client; the workstation only opens a URL and, at the end, trades a
 * one-time code plus the verifier it kept for an ordinary Lede token.
 */

/** `GET /api/sso` (no token needed): whether the server can sign people in with the newsroom's provider. */
export const ssoInfoSchema = z.object({ enabled: z.boolean(), issuer: z.string().optional() });
export type SsoInfo = z.infer<typeof ssoInfoSchema>;

/** base64url without padding, of 32 random bytes or of a sha256: what verifiers, challenges, codes and handles look like. */
const opaque = z.string().regex(/^[A-Za-z0-9_-]{43,128}$/, 'not a Lede sign-in value');

/** `POST /api/sso/start`: where the browser comes back to, and the challenge of the verifier the workstation keeps. */
export const ssoStartRequestSchema = z
  .object({
    returnUrl: z.string().max(500),
    /** base64url(sha256(verifier)), like PKCE's S256. */
    challenge: opaque,
    /** Names the token this sign-in makes (the computer's name), for IT. */
    device: z.string().trim().min(1).max(100).optional(),
  })
  .strict();
export type SsoStartRequest = z.infer<typeof ssoStartRequestSchema>;

export const ssoStartResultSchema = z.object({
  /** Open this in a browser: the newsroom's provider. */
  authorizationUrl: z.string().url(),
  /** Only the workstation knows it: the finish step needs it beside the code and the verifier. */
  handle: opaque,
});
export type SsoStartResult = z.infer<typeof ssoStartResultSchema>;

/** `POST /api/sso/finish`: the code the browser brought back, with the handle and verifier of the same sign-in. */
export const ssoFinishRequestSchema = z.object({ handle: opaque, code: opaque, verifier: opaque }).strict();
export const ssoFinishResultSchema = z.object({ token: z.string().min(1).max(200) });

/**
 * What the server adds to the return URL: `code` when the person was signed
 * in, else `error` (one of these) and `error_description` for the person.
 */
export const SSO_RETURN_ERRORS = ['sso_refused', 'sso_failed'] as const;

/** Where the web shell's tab comes back to (electron/web/sso-return.ts); Electron's core picks its own loopback address. */
export const WEB_SHELL_SSO_RETURN_PATH = '/sso/return';
