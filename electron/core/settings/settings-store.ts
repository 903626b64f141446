import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { z } from 'zod';
import type { Logger } from '../log';

/**
 * Key/value settings stored as JSON. Each read is validated with the schema
 * its caller gives, so a damaged or outdated value falls back to the default
 * (and is logged) instead of breaking the app.
 */
export class SettingsStore {
  constructor(
    private readonly db: Database,
    private readonly log: Logger,
  ) {}

  get<T>(key: string, schema: z.ZodType<T>): T | null {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
    if (!row) return null;
    try {
      const parsed = schema.safeParse(JSON.parse(row.value));
      if (parsed.success) return parsed.data;
    } catch {
      // fall through
    }
    this.log.warn('ignoring an unreadable setting', { key });
    return null;
  }

  set(key: string, value: unknown): void {
    this.db
      .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run(key, JSON.stringify(value));
  }
}
