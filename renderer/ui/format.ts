/** How dates, counts and plurals read across the app; one place so every screen says it the same way. */

const numberFormat = new Intl.NumberFormat(undefined);
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto', style: 'short' });
const exact = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dayOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

export function formatNumber(n: number): string {
  return numberFormat.format(n);
}

/** "1 story", "1,234 stories". */
export function countLabel(n: number, singular: string, plural: string): string {
  return `${formatNumber(n)} ${n === 1 ? singular : plural}`;
}

/** Exact local date and time, for titles and the inspector. Empty for a missing or broken date. */
export function exactTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : exact.format(date);
}

/**
 * "just now", "5 min ago", "3 hr ago", "yesterday", then the date: newsrooms
 * care about recent changes to the minute and older ones to the day.
 */
export function relativeTime(iso: string, now = Date.now()): string {
  const date = new Date(iso);
  const time = date.getTime();
  if (Number.isNaN(time)) return '';
  const seconds = Math.round((time - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return 'just now';
  if (abs < 3600) return relative.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return relative.format(Math.round(seconds / 3600), 'hour');
  if (abs < 7 * 86_400) return relative.format(Math.round(seconds / 86_400), 'day');
  return dayOnly.format(date);
}
