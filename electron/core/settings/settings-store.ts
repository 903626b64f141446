import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { z } from 'zod';
import { LedeError } from '../../../shared/errors';
import type { Logger } from '../log';
import { readStoredText, storedText, type StoredRead, type StoredValue } from './stored-value';

/**
 * The settings table: one JSON value per key.
 *
 * The person's values (stored-settings.ts) are versioned: `read` upgrades
 * what an older Lede stored, and a value that cannot be read (bad JSON, not
 * its schema, saved by a newer Lede) reads as absent, is logged once with
 * its key and why, and is kept: `write` refuses to replace it
 * (`setting_unreadable`, ADR 0053).
 */
export class SettingsStore {
  /** The stored text last logged as unreadable, per key: each damage is logged once, not at every read. */
  private readonly reported = new Map<string, string>();

  constructor(
    private readonly db: Database,
    private readonly log: Logger,
  ) {}

  /** The value, or null when nothing is stored or what is stored cannot be read. */
  read<T>(stored: StoredValue<T>): T | null {
    const result = this.inspect(stored);
    return result.state === 'read' ? result.value : null;
  }

  /** What is stored under the value's key, and why it cannot be read if it cannot. */
  inspect<T>(stored: StoredValue<T>): StoredRead<T> {
    const text = this.text(stored.key);
    const result = readStoredText(stored, text);
    if (result.state === 'unreadable' && this.reported.get(stored.key) !== text) {
      this.reported.set(stored.key, text!);
      this.log.warn('a stored value cannot be read; it is kept as it is and not replaced', { key: stored.key, reason: result.reason });
    }
    return result;
  }

  /** Stores the value in this Lede's version. Refuses to replace a stored value it cannot read. */
  write<T>(stored: StoredValue<T>, value: T): void {
    const current = this.inspect(stored);
    if (current.state === 'unreadable') {
      this.log.warn('refused to replace a stored value that cannot be read', { key: stored.key, reason: current.reason });
      throw new LedeError('setting_unreadable', unreadableMessage(stored, current.newer));
    }
    this.put(stored.key, storedText(stored, value));
  }

  /**
   * Sync's own records (sync/sync-store.ts), stored unversioned: one that
   * does not fit its schema reads as null (and is logged).
   */
  get<T>(key: string, schema: z.ZodType<T>): T | null {
    const text = this.text(key);
    if (text === null) return null;
    try {
      const parsed = schema.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data;
    } catch {
      // fall through
    }
    this.log.warn('ignoring an unreadable setting', { key });
    return null;
  }

  set(key: string, value: unknown): void {
    this.put(key, JSON.stringify(value));
  }

  private text(key: string): string | null {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
    return row ? row.value : null;
  }

  private put(key: string, text: string): void {
    this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, text);
  }
}

function unreadableMessage(stored: StoredValue<unknown>, newer: boolean): string {
  return newer
    ? `Lede cannot save ${stored.label}: what is stored was saved by a newer version of Lede, and saving here would lose it. Update Lede to change ${stored.label}.`
    : `Lede cannot save ${stored.label}: what is stored on this computer cannot be read. Lede keeps it as it is rather than overwrite it, and uses the defaults meanwhile. Ask your IT team to restore it from a backup (Lede’s log says what is wrong).`;
}
