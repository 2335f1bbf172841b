/** Names of weekdays (0 = Sunday) and months (1–12) in one language, folded to lower case. */
export interface CalendarNames {
  weekdays: Map<string, number>;
  months: Map<string, number>;
  /** Persian solar months (1 = Farvardin), for languages that write them. */
  solarMonths: Map<string, number>;
}

const cache = new Map<string, CalendarNames>();
const SUNDAY = Date.UTC(2024, 0, 7);

function names(locale: string, option: Intl.DateTimeFormatOptions, dates: Date[]): string[] {
  const format = new Intl.DateTimeFormat(locale, { ...option, timeZone: 'UTC' });
  return dates.map((d) => format.format(d).toLowerCase());
}

/** Month names as written beside a day ("19 września", "Սեպտեմբերի 19"): many languages inflect them there. */
function monthsWithDay(locale: string, style: 'long' | 'short', dates: Date[]): string[] {
  const format = new Intl.DateTimeFormat(locale, { day: 'numeric', month: style, timeZone: 'UTC' });
  return dates.map((d) => (format.formatToParts(d).find((p) => p.type === 'month')?.value ?? '').toLowerCase());
}

const weekdayDates = Array.from({ length: 7 }, (_, i) => new Date(SUNDAY + i * 86_400_000));
const monthDates = Array.from({ length: 12 }, (_, i) => new Date(Date.UTC(2024, i, 15)));
/** Days in each Persian solar month of 1403 (Farvardin starts on 20 March 2024). */
const solarMonthDates = Array.from({ length: 12 }, (_, i) => new Date(Date.UTC(2024, 2, 25) + i * 30.5 * 86_400_000));

/**
 * Weekday and month names of a language from Node's ICU (no hand-typed tables): long and short
 * forms, standing alone and as written beside a day, in the Gregorian calendar; for Persian also the solar months ("دی", "بهمن").
 */
export function calendarNames(lang: string): CalendarNames {
  const cached = cache.get(lang);
  if (cached) return cached;
  const gregorian = `${lang}-u-ca-gregory`;
  const weekdays = new Map<string, number>();
  const months = new Map<string, number>();
  for (const style of ['long', 'short'] as const) {
    names(gregorian, { weekday: style }, weekdayDates).forEach((n, i) => weekdays.set(n.replace(/\.$/, ''), i));
    names(gregorian, { month: style }, monthDates).forEach((n, i) => months.set(n.replace(/\.$/, ''), i + 1));
    monthsWithDay(gregorian, style, monthDates).forEach((n, i) => months.set(n.replace(/\.$/, ''), i + 1));
  }
  const solarMonths = new Map<string, number>();
  if (lang === 'fa') names('fa-u-ca-persian', { month: 'long' }, solarMonthDates).forEach((n, i) => solarMonths.set(n, i + 1));
  for (const map of [weekdays, months]) for (const key of [...map.keys()]) if (/^\d+$/.test(key) || key.length < 2) map.delete(key);
  const result = { weekdays, months, solarMonths };
  cache.set(lang, result);
  return result;
}
