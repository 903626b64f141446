import { z } from 'zod';

/**
 * A value Lede keeps in the settings table, described by storage's own
 * schemas (never the API's: the wire may tighten without touching what
 * people saved — ADR 0053).
 *
 * Stored as `{ "version": n, "value": … }`. Values written before stored
 * values carried a version are the bare value, and read as version 1.
 */
export interface StoredValue<T> {
  readonly key: string;
  /** What a person calls it, for the message when it cannot be changed ("your settings"). */
  readonly label: string;
  /** The version this Lede writes: one more than the number of older versions. */
  readonly version: number;
  readonly schema: z.ZodType<T>;
  /** Versions 1 … version-1, oldest first, each with the step to the next version. */
  readonly older: readonly OlderVersion[];
}

export interface OlderVersion {
  readonly schema: z.ZodType;
  readonly upgrade: (value: unknown) => unknown;
}

/** An older version's schema and the step that turns its value into the next version's. */
export function olderVersion<S extends z.ZodType>(schema: S, upgrade: (value: z.output<S>) => unknown): OlderVersion {
  return { schema, upgrade: upgrade as (value: unknown) => unknown };
}

export function storedValue<T>(definition: { key: string; label: string; schema: z.ZodType<T>; older?: readonly OlderVersion[] }): StoredValue<T> {
  const older = definition.older ?? [];
  return { key: definition.key, label: definition.label, schema: definition.schema, older, version: older.length + 1 };
}

export type StoredRead<T> =
  | { readonly state: 'absent' }
  | { readonly state: 'read'; readonly value: T; readonly version: number }
  /** Kept as it is: `reason` says why (for the log; never the value itself). */
  | { readonly state: 'unreadable'; readonly reason: string; readonly newer: boolean };

const envelopeSchema = z.object({ version: z.number().int().min(1), value: z.unknown() }).strict();

/** Reads the text stored under `stored.key` (null: nothing stored), upgrading an older version. */
export function readStoredText<T>(stored: StoredValue<T>, text: string | null): StoredRead<T> {
  if (text === null) return { state: 'absent' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { state: 'unreadable', reason: 'not valid JSON', newer: false };
  }
  const envelope = envelopeSchema.safeParse(json);
  // Only our envelope has exactly these two keys; none of the bare shapes Lede wrote before does.
  const { version, value } = envelope.success ? { version: envelope.data.version, value: envelope.data.value } : { version: 1, value: json };
  if (version > stored.version) {
    return { state: 'unreadable', reason: `saved by a newer Lede (version ${version}; this Lede reads up to ${stored.version})`, newer: true };
  }
  let current: unknown = value;
  for (let at = version; at < stored.version; at++) {
    const step = stored.older[at - 1]!;
    const parsed = step.schema.safeParse(current);
    if (!parsed.success) return { state: 'unreadable', reason: `version ${at} does not fit its schema: ${z.prettifyError(parsed.error)}`, newer: false };
    current = step.upgrade(parsed.data);
  }
  const parsed = stored.schema.safeParse(current);
  if (!parsed.success) {
    const upgraded = version < stored.version ? ` after upgrading from version ${version}` : '';
    return { state: 'unreadable', reason: `version ${stored.version} does not fit its schema${upgraded}: ${z.prettifyError(parsed.error)}`, newer: false };
  }
  return { state: 'read', value: parsed.data, version };
}

/** The text to store for `value`, in the version this Lede writes. Throws when the value does not fit its own schema. */
export function storedText<T>(stored: StoredValue<T>, value: T): string {
  return JSON.stringify({ version: stored.version, value: stored.schema.parse(value) });
}
