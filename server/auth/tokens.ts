import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const TOKEN_PREFIX = 'lede_';
/** 32 random bytes: far beyond guessing, so one fast hash is enough to store it safely. */
const TOKEN_BYTES = 32;

/** A new account token, shown once to the person who created the account. */
export function newToken(): string {
  return TOKEN_PREFIX + randomBytes(TOKEN_BYTES).toString('base64url');
}

/**
 * What the server keeps instead of the token. A salted slow hash protects
 * low-entropy passwords; these tokens are 256 random bits, where sha256 is
 * enough and lets the server find an account by its hash.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Constant-time comparison of two hex hashes of the same length. */
export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}

/** Plausible token shape, checked before any database work (bounded length, known alphabet). */
export function looksLikeToken(value: string): boolean {
  return value.length <= 200 && /^lede_[A-Za-z0-9_-]{20,}$/.test(value);
}
