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
