import * as chrono from 'chrono-node';
import { calendarNames } from './calendar-names.js';
import { solarToGregorian } from './solar-calendar.js';
import { asciiDigits } from '../../core/text/digits.js';

/** A date written in a text, resolved to a calendar day when it can be. */
export interface DateMention {
  /** The words as written. */
  text: string;
  index: number;
  kind: 'explicit' | 'weekday' | 'relative';
  /** The day it names (YYYY-MM-DD), resolved against the reference; null when no reference fixes it. */
  date: string | null;
  /** Month (1–12) and day when the text gives them, and the year when it does. */
  month: number | null;
  day: number | null;
  year: number | null;
}

const DAY = 86_400_000;
const CHRONO: Readonly<Record<string, chrono.Chrono>> = {
  en: chrono.en.casual,
  de: chrono.de.casual,
  fr: chrono.fr.casual,
  ja: chrono.ja.casual,
  pt: chrono.pt.casual,
  nl: chrono.nl.casual,
  zh: chrono.zh.casual,
  ru: chrono.ru.casual,
  es: chrono.es.casual,
  uk: chrono.uk.casual,
  it: chrono.it.casual,
  sv: chrono.sv.casual,
  fi: chrono.fi.casual,
  vi: chrono.vi.casual,
  id: chrono.id.casual,
  ar: chrono.ar.casual,
};
/** Words for "yesterday" and "today" where chrono has no locale (ambiguous ones, like Hindi कल, are left out). */
const RELATIVE: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  fa: { 'دیروز': -1, 'امروز': 0, 'دیشب': -1 },
  ur: { 'گزشتہ روز': -1, 'آج': 0, 'گزشتہ رات': -1 },
  tr: { 'dün': -1, 'bugün': 0, 'dün gece': -1 },
  hi: { 'आज': 0, 'बीती रात': -1 },
  ko: { '어제': -1, '오늘': 0 },
};

const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const dayStart = (ms: number): number => Math.floor(ms / DAY) * DAY;

/** A day and month (and maybe year) on or before the reference: news reports what has happened. */
function resolveDayMonth(month: number, day: number, year: number | null, reference: number | null): string | null {
  if (year !== null) return iso(Date.UTC(year, month - 1, day));
  if (reference === null) return null;
  const refYear = new Date(reference).getUTCFullYear();
  const candidate = Date.UTC(refYear, month - 1, day);
  return iso(candidate > reference + DAY ? Date.UTC(refYear - 1, month - 1, day) : candidate);
}

/** The latest given weekday on or before the reference day (chrono may pick a later one). */
function resolveWeekday(weekday: number, reference: number | null): string | null {
  if (reference === null) return null;
  const ref = dayStart(reference);
  const back = (new Date(ref).getUTCDay() - weekday + 7) % 7;
  return iso(ref - back * DAY);
}

/** Reference instants for reading a text without a date: a phrase that reads differently under them is relative to its reference. */
const UNANCHORED = [Date.UTC(2000, 0, 1), Date.UTC(2001, 6, 18)] as const;

/**
 * Whether a phrase chrono read names its day relative to the reference ("yesterday", "two days
 * later", "48 hours after", "اليوم"): chrono reports such days as certain, but they move with the reference.
 */
function anchored(parser: chrono.Chrono, phrase: string, month: number | null, day: number | null): boolean {
  const [again] = parser.parse(phrase, { instant: new Date(UNANCHORED[1]), timezone: 0 }, { forwardDate: false });
  if (!again) return false;
  const known = (unit: chrono.Component): number | null => (again.start.isCertain(unit) ? (again.start.get(unit) ?? null) : null);
  return known('month') !== month || known('day') !== day;
}

function fromChrono(parser: chrono.Chrono, text: string, reference: number | null): DateMention[] {
  // Days are read from the middle of the reference day: a date-only publication is midnight, where
  // chrono puts "last night" on the same day, not the evening before.
  const ref = new Date(reference === null ? UNANCHORED[0] : dayStart(reference) + DAY / 2);
  return parser
    .parse(text, { instant: ref, timezone: 0 }, { forwardDate: false })
    .map((r): DateMention | null => {
      const known = (unit: chrono.Component): number | null => (r.start.isCertain(unit) ? (r.start.get(unit) ?? null) : null);
      const [month, day, year, weekday] = [known('month'), known('day'), known('year'), known('weekday')];
      // Without a reference a relative phrase has no anchor: it names no day at all.
      if (reference === null && (month !== null || day !== null) && anchored(parser, r.text, month, day)) {
        return { text: r.text, index: r.index, kind: 'relative' as const, date: null, month: null, day: null, year: null };
      }
      const base = { text: r.text, index: r.index, month, day, year };
      const written = /[\d一二三四五六七八九十]/.test(r.text);
      if (written && month !== null && day !== null) return { ...base, kind: 'explicit' as const, date: resolveDayMonth(month, day, year, reference) };
      if (weekday !== null) return { ...base, kind: 'weekday' as const, date: resolveWeekday(weekday, reference) };
      // "yesterday", "last night": a day; "this week", "earlier this month": no day at all. Nor does an
      // offset in weeks or months ("last week", "a week ago", "3 weeks ago"), which chrono puts on an
      // exact day: its offsets in days ("two days ago") and hours ("48 hours later") fix the weekday or the hour.
      if (!r.start.isCertain('day')) return null;
      if (r.tags().has('result/relativeDate') && !r.start.isCertain('weekday') && !r.start.isCertain('hour')) return null;
      return { ...base, kind: 'relative' as const, date: reference === null ? null : iso(r.start.date().getTime()) };
    })
    .filter((m): m is DateMention => m !== null);
}

function alternation(words: Iterable<string>): string {
  return [...words]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|');
}

/**
 * A case ending a month name may take before its day in languages that inflect it there
 * (Azerbaijani "oktyabrın 15-də", Kazakh "қыркүйектің 19-ы"): ICU gives the bare name only.
 */
const INFLECTION = '\\p{L}{0,3}';

/** Dates in languages chrono does not cover, from ICU's weekday and month names and a few relative words. */
function fromTables(lang: string, text: string, reference: number | null): DateMention[] {
  const { weekdays, months, solarMonths } = calendarNames(lang);
  const lower = text.toLowerCase();
  const mentions: DateMention[] = [];
  const edge = '(?<![\\p{L}\\p{M}])';
  const end = '(?![\\p{L}\\p{M}])';
  const monthWords = alternation([...months.keys(), ...solarMonths.keys()]);
  const dayMonth = new RegExp(
    `${edge}(\\d{1,2})\\s*(?:\\.\\s*)?(${monthWords})${end}(?:\\s*(\\d{4}))?|${edge}(${monthWords})${INFLECTION}\\s*(\\d{1,2})(?!\\d)`,
    'gu',
  );
  for (const m of lower.matchAll(dayMonth)) {
    const name = (m[2] ?? m[4]) as string;
    const day = Number(m[1] ?? m[5]);
    const year = m[3] ? Number(m[3]) : null;
    const solar = solarMonths.get(name);
    const month = solar ?? (months.get(name) as number);
    const date =
      solar !== undefined
        ? (() => {
            const ms = solarToGregorian(solar, day, year, reference ?? Date.now());
            return ms === null || (reference === null && year === null) ? null : iso(ms);
          })()
        : resolveDayMonth(month, day, year !== null && year < 1500 ? null : year, reference);
    const gregorian = date === null ? null : new Date(`${date}T00:00:00Z`);
    mentions.push({
      text: m[0],
      index: m.index,
      kind: 'explicit',
      date,
      month: gregorian ? gregorian.getUTCMonth() + 1 : solar === undefined ? month : null,
      day: gregorian ? gregorian.getUTCDate() : solar === undefined ? day : null,
      year: gregorian && year !== null ? gregorian.getUTCFullYear() : year,
    });
  }
  for (const m of lower.matchAll(new RegExp(`${edge}(${alternation(weekdays.keys())})${end}`, 'gu'))) {
    const weekday = weekdays.get(m[1] as string) as number;
    mentions.push({ text: m[0], index: m.index, kind: 'weekday', date: resolveWeekday(weekday, reference), month: null, day: null, year: null });
  }
  const relative = RELATIVE[lang] ?? {};
  if (Object.keys(relative).length > 0) {
    for (const m of lower.matchAll(new RegExp(`${edge}(${alternation(Object.keys(relative))})${end}`, 'gu'))) {
      const offset = relative[m[1] as string] as number;
      mentions.push({
        text: m[0],
        index: m.index,
        kind: 'relative',
        date: reference === null ? null : iso(dayStart(reference) + offset * DAY),
        month: null,
        day: null,
        year: null,
      });
    }
  }
  return mentions;
}

/** Vietnamese weekdays written with digits ("thứ 3" is Tuesday), which chrono does not read. */
function vietnameseDigitWeekdays(text: string, reference: number | null): DateMention[] {
  return [...text.matchAll(/thứ\s*([2-7])(?!\d)/giu)].map((m) => ({
    text: m[0],
    index: m.index,
    kind: 'weekday' as const,
    date: resolveWeekday(Number(m[1]) - 1, reference),
    month: null,
    day: null,
    year: null,
  }));
}

/** Numeric day/month dates ("16/1", "22/4/2024"), read day first as most of the world writes them. */
function numericDates(text: string, reference: number | null): DateMention[] {
  const mentions: DateMention[] = [];
  for (const m of text.matchAll(/(?<![\d/.])(\d{1,2})[/.](\d{1,2})(?:[/.](\d{4}))?(?![\d/]|\.\d)/g)) {
    const [day, month] = [Number(m[1]), Number(m[2])];
    if (day < 1 || day > 31 || month < 1 || month > 12) continue;
    const year = m[3] ? Number(m[3]) : null;
    mentions.push({ text: m[0], index: m.index, kind: 'explicit', date: resolveDayMonth(month, day, year, reference), month, day, year });
  }
  return mentions;
}

/** Languages that write a day of the current month as digits and a day sign: "18日", "18号", "18일". */
const DAY_SIGNS: Readonly<Record<string, string>> = { zh: '日号號', ja: '日', ko: '일' };

/**
 * A day of the month written alone ("パキスタンが18日", "18일(현지시간)", "巴基斯坦18日"): the latest such
 * day on or before the day after the reference (its month, or the month before). Counts of days
 * ("18日間", "2日前", "3일째") are not dates; without a reference no month fixes the day.
 */
function daysOfMonth(text: string, lang: string, reference: number | null): DateMention[] {
  const signs = DAY_SIGNS[lang];
  if (signs === undefined) return [];
  const pattern = new RegExp(`(?<![\\d月年/.\\-])(\\d{1,2})\\s*[${signs}](?![間间前後后째동내간])`, 'gu');
  const mentions: DateMention[] = [];
  for (const m of text.matchAll(pattern)) {
    const day = Number(m[1]);
    if (day < 1 || day > 31) continue;
    let resolved: Date | null = null;
    if (reference !== null) {
      const latest = new Date(dayStart(reference) + DAY);
      const candidate = new Date(Date.UTC(latest.getUTCFullYear(), latest.getUTCMonth() - (latest.getUTCDate() >= day ? 0 : 1), day));
      resolved = candidate.getUTCDate() === day ? candidate : null;
    }
    mentions.push({
      text: m[0],
      index: m.index,
      kind: 'explicit',
      date: resolved ? iso(resolved.getTime()) : null,
      month: resolved ? resolved.getUTCMonth() + 1 : null,
      day,
      year: null,
    });
  }
  return mentions;
}

/**
 * The last texts read, with their dates: matching reads an item's title and lead once for each
 * story. Few enough that a feed's next items push an item out.
 */
const RECENT_READS = 64;
const recent = new Map<string, DateMention[]>();

/**
 * Dates a text mentions, in many languages: chrono-node where it has the language, ICU weekday
 * and month names elsewhere (Persian, Urdu, Turkish, Hindi, Korean; Persian solar months too),
 * numeric day/month forms everywhere, and a day of the month alone in Chinese, Japanese and Korean
 * ("18日", "18일"). Each is resolved against the reference (the item's
 * publication time): a weekday or a day without a year is the latest one on or before it.
 * The last reads are kept ({@link readDates} reads afresh); each caller gets its own copies.
 */
export function mentionedDates(text: string, lang: string, reference: Date | null): DateMention[] {
  // Without a reference, the tables' Persian solar dates are read back from now: not kept.
  if (reference === null && !CHRONO[lang]) return readDates(text, lang, reference);
  const key = `${lang}\u0000${reference?.getTime() ?? ''}\u0000${text}`;
  const known = recent.get(key);
  if (known) return known.map((m) => ({ ...m }));
  const found = readDates(text, lang, reference);
  if (recent.size >= RECENT_READS) recent.delete(recent.keys().next().value as string);
  const kept = found.map((m) => ({ ...m }));
  recent.set(key, kept);
  return found;
}

/** {@link mentionedDates}, read afresh. */
export function readDates(text: string, lang: string, reference: Date | null): DateMention[] {
  const plain = asciiDigits(text);
  const ref = reference?.getTime() ?? null;
  const parser = CHRONO[lang];
  const found = parser ? fromChrono(parser, plain, ref) : fromTables(lang, plain, ref);
  const covered = (index: number): boolean => found.some((f) => index >= f.index && index < f.index + f.text.length);
  const extra = [...numericDates(plain, ref), ...daysOfMonth(plain, lang, ref), ...(lang === 'vi' ? vietnameseDigitWeekdays(plain, ref) : [])];
  const numeric = extra.filter((n) => !covered(n.index));
  return [...found, ...numeric].sort((a, b) => a.index - b.index);
}
