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
  /** A status move that the story's ready checks refuse (errors) or that waits for warnings to be confirmed. */
  'checks_failed',
  /** The story is published or spiked: nothing changes until an editor moves it back to Draft. */
  'read_only',
  /** An imported file Lede cannot read (corrupt, encrypted, not the format its name says, failing its schema). */
  'unsupported_file',
  'forbidden',
  'profile_required',
  'too_large',
  'db_newer_version',
  'db_corrupt',
  /** The library database is encrypted and its key is not on this computer (key file missing, keychain unavailable). Nothing was changed. */
  'db_key_missing',
  /** The key here does not open the library database (another library's key, or a damaged file). Nothing was changed. */
  'db_key_wrong',
  'data_dir_locked',
  'unauthorized',
  /** The newsroom's policy file sets this setting; people cannot change it on this machine. */
  'locked_by_policy',
  /** A stored setting this Lede cannot read (damaged, or saved by a newer Lede): it is kept, so saving over it is refused (ADR 0053). */
  'setting_unreadable',
  /** The sync server could not be reached (or did not answer like one). */
  'unreachable',
  /** An address that would carry the token or stories unencrypted over the network (http:// to another computer). */
  'insecure_address',
  /** Removing the newsroom's stories would lose changes no server has stored; the person must confirm. */
  'unsynced_changes',
  /** The sync server reports this computer lost: its newsroom data is removed. */
  'device_lost',
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
