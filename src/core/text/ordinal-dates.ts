/**
 * Languages that may write a day as an ordinal number with a dot ("15. Januar", "15. ledna",
 * "22. huhtikuuta"). Which of them do is read from ICU's own day-and-month format, not assumed.
 */
const CANDIDATES = ['de', 'da', 'nb', 'nn', 'no', 'fi', 'cs', 'sk', 'hr', 'sr', 'bs', 'sl', 'et', 'lv', 'is', 'fo', 'hu', 'mk', 'sq'];

let months: ReadonlySet<string> | null = null;

/** Month names, lower case, of the languages whose ICU day-and-month format puts a dot right after the day. */
function ordinalMonths(): ReadonlySet<string> {
  if (months) return months;
  const names = new Set<string>();
  for (const lang of CANDIDATES) {
    for (const style of ['long', 'short'] as const) {
      const format = new Intl.DateTimeFormat(lang, { day: 'numeric', month: style, timeZone: 'UTC' });
      for (let month = 0; month < 12; month += 1) {
        const parts = format.formatToParts(new Date(Date.UTC(2024, month, 15)));
        const day = parts.findIndex((p) => p.type === 'day');
        const name = parts.find((p) => p.type === 'month')?.value;
        if (name && parts[day + 1]?.type === 'literal' && parts[day + 1]?.value.startsWith('.')) names.add(name.toLowerCase().replace(/\.$/u, ''));
      }
    }
  }
  months = names;
  return names;
}

const NUMBER_DOT = /(?:^|[^\p{N}.,:])(\p{N}{1,4})\.$/u;
const NEXT_WORD = /^\p{L}+/u;

/**
 * Whether a sentence break found between `before` (its last six characters are enough) and `after` is an ordinal number instead: a day
 * written "22." before a month name of a language that writes days so ("22. April", "3. října"), or a
 * number with a dot before a word in lower case ("10. gününe", "2024. január"), which no sentence starts with.
 */
export function ordinalBeforeBreak(before: string, after: string): boolean {
  const number = NUMBER_DOT.exec(before.slice(-6));
  if (!number) return false;
  const word = NEXT_WORD.exec(after)?.[0];
  if (word === undefined) return false;
  if (/^\p{Ll}/u.test(word)) return true;
  return (number[1] as string).length <= 2 && ordinalMonths().has(word.toLowerCase());
}
