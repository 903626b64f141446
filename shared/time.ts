/** ISO 8601 with the local offset ("2025-10-15T09:30:00+02:00"), as newsroom dates are shown and exported. */
export function isoWithOffset(date: Date | number): string {
  const d = typeof date === 'number' ? new Date(date) : date;
  const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');
  const offsetMinutes = -d.getTimezoneOffset();
  const sign = offsetMinutes >= 0 ? '+' : '-';
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}` +
    `T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}` +
    `${sign}${pad(Math.trunc(offsetMinutes / 60))}:${pad(offsetMinutes % 60)}`
  );
}

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})(T(\d{2}):(\d{2})(:(\d{2})(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * Milliseconds of an ISO 8601 date ("2026-12-01") or date and time, or null
 * for anything else, impossible dates included (JavaScript rolls 30 February
 * over into March). Without an offset it is UTC (JavaScript would read a
 * bare time in the machine's own zone, which differs between a server and
 * the person asking).
 */
export function parseIsoInstant(raw: string): number | null {
  const match = ISO_INSTANT.exec(raw);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (calendar.getUTCFullYear() !== year || calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) return null;
  if (Number(match[5] ?? 0) > 23 || Number(match[6] ?? 0) > 59 || Number(match[8] ?? 0) > 59) return null;
  const ms = Date.parse(match[4] && !match[10] ? `${raw}Z` : raw);
  return Number.isFinite(ms) ? ms : null;
}
