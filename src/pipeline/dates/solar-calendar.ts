const DAY = 86_400_000;
const persian = new Intl.DateTimeFormat('en-u-ca-persian-nu-latn', { year: 'numeric', month: 'numeric', day: 'numeric', timeZone: 'UTC' });

type SolarDate = { year: number; month: number; day: number };
/** Days already converted (ICU's formatter is slow, and a search walks back over the same days); emptied when it grows past a few decades. */
const converted = new Map<number, SolarDate>();
const KEPT_DAYS = 20_000;

function solarParts(ms: number): SolarDate {
  const known = converted.get(ms);
  if (known) return known;
  const parts = persian.formatToParts(new Date(ms));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  const date = { year: get('year'), month: get('month'), day: get('day') };
  if (converted.size >= KEPT_DAYS) converted.clear();
  converted.set(ms, date);
  return date;
}

/**
 * The Gregorian day (epoch ms at 00:00 UTC) of a Persian solar date ("۲۶ دی ۱۴۰۲" → 2024-01-16),
 * using ICU's Persian calendar. Without a year, the latest such day on or before `notAfter`.
 */
export function solarToGregorian(month: number, day: number, year: number | null, notAfter: number): number | null {
  const end = Math.floor(notAfter / DAY) * DAY;
  for (let ms = end; ms > end - 400 * DAY; ms -= DAY) {
    const p = solarParts(ms);
    if (p.month === month && p.day === day && (year === null || p.year === year)) return ms;
    if (year !== null && p.year < year) return null;
  }
  return null;
}
