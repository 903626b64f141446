/**
 * Every error that crosses the API boundary carries one of these codes, so the
 * renderer (and tests) can react to a kind of failure without parsing messages.
 * The message beside the code is for a person and says what to do.
 */
export const ERROR_CODES = [
  'invalid_payload',
  'unknown_channel',
  'not_found',
  'transition_refused',
  'forbidden',
  'profile_required',
  'too_large',
  'db_newer_version',
  'db_corrupt',
  'data_dir_locked',
  'unauthorized',
  /** The sync server could not be reached (or did not answer like one). */
  'unreachable',
  /** The pipe to core broke; the call may be retried once it is back. */
  'disconnected',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiError {
  code: ErrorCode;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(code: ErrorCode, message: string): { ok: false; error: ApiError } {
  return { ok: false, error: { code, message } };
}

/** An error thrown inside core that should reach the caller with its code intact. */
export class LedeError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'LedeError';
  }
}
