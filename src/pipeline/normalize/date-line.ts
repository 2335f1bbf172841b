import { foldForMatch } from '../../core/text/fold.js';

/** Languages whose month and weekday names ICU supplies for spotting date-only lines. */
const DATE_LANGUAGES = ['en', 'tr', 'fr', 'es', 'pt', 'de', 'it', 'nl', 'vi', 'id', 'ru', 'uk', 'ar', 'fa', 'ur', 'hi', 'zh', 'ja', 'ko'];

/** Words that may sit next to a date without making it prose: zones, meridiems, "updated". */
const DATE_FILLERS = ['gmt', 'utc', 'am', 'pm', 'ص', 'م', 'est', 'edt', 'pst', 'pdt', 'cet', 'cest', 'ist', 'wib', 'st', 'nd', 'rd', 'th', 'h'];

function namesFromIcu(): string[] {
  const names = new Set<string>(DATE_FILLERS);
  for (const lang of DATE_LANGUAGES) {
    for (const month of ['long', 'short'] as const) {
      const format = new Intl.DateTimeFormat(lang, { month, timeZone: 'UTC' });
      for (let m = 0; m < 12; m += 1) names.add(foldForMatch(format.format(Date.UTC(2024, m, 15))));
    }
    for (const weekday of ['long', 'short'] as const) {
      const format = new Intl.DateTimeFormat(lang, { weekday, timeZone: 'UTC' });
      for (let d = 0; d < 7; d += 1) names.add(foldForMatch(format.format(Date.UTC(2024, 0, 14 + d))));
    }
  }
  return [...names].filter((n) => n !== '').sort((a, b) => b.length - a.length);
}

let namePattern: RegExp | null = null;

function datePattern(): RegExp {
  namePattern ??= new RegExp(
    `(?<![\\p{L}\\p{M}])(?:${namesFromIcu()
      .map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('|')})(?![\\p{L}\\p{M}])`,
    'gu',
  );
  return namePattern;
}

/**
 * True for a short line that is only a date or time ("Ocak 19, 2024", "Fri, 19 Jan 2024 21:23:59
 * GMT", "19/01/2024 10:00", "2024年1月19日"): month and weekday names of many languages come
 * from ICU, so the rule is the same for every language.
 */
export function isDateLine(line: string): boolean {
  if (line.length > 60 || !/\d/.test(line)) return false;
  const rest = foldForMatch(line)
    .replace(datePattern(), ' ')
    .replace(/[年月日時时分秒号號]/g, ' ');
  return !/[\p{L}]/u.test(rest);
}
