import { asciiDigits } from '../../core/text/digits.js';

/** Month abbreviations (first three letters) seen in RFC 822 dates, including common localized ones. */
const MONTHS: Readonly<Record<string, number>> = {
  jan: 0,
  feb: 1,
  mar: 2,
  apr: 3,
  may: 4,
  jun: 5,
  jul: 6,
  aug: 7,
  sep: 8,
  oct: 9,
  nov: 10,
  dec: 11,
  ene: 0,
  fev: 1,
  fév: 1,
  avr: 3,
  abr: 3,
  mai: 4,
  mei: 4,
  ago: 7,
  agu: 7,
  aoû: 7,
  set: 8,
  okt: 9,
  out: 9,
  dic: 11,
  dez: 11,
  des: 11,
  déc: 11,
  mär: 2,
  maa: 2,
};

/** RFC 822 zone names; military single letters other than Z are unreliable in practice and read as UTC. */
const ZONES: Readonly<Record<string, number>> = {
  gmt: 0,
  ut: 0,
  utc: 0,
  z: 0,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
  cet: 60,
  cest: 120,
  eet: 120,
  eest: 180,
  bst: 60,
  ist: 330,
  jst: 540,
  kst: 540,
  wib: 420,
  pkt: 300,
  irst: 210,
};

/** Earliest plausible publication date: anything before the web's first feeds is a placeholder (1970, 0001). */
const EARLIEST = Date.UTC(1995, 0, 1);
/** How far ahead of "now" a date may be: time-zone slips up to a day are common and harmless. */
const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?\s*(z|[+-]\d{2}(?::?\d{2})?)?$/i;
const RFC822 =
  /^(?:[\p{L}]{2,12}\.?,?\s+)?(\d{1,2})\s+([\p{L}]{3,12})\.?,?\s+(\d{2,4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*([a-z]{1,5}|[+-]\d{2}:?\d{2})?$/iu;
const NUMERIC_DMY = /^(\d{1,2})[./](\d{1,2})[./](\d{4})(?:[\sT,]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

function offsetMinutes(zone: string | undefined): number | null {
  if (zone === undefined || zone === '') return 0;
  const named = ZONES[zone.toLowerCase()];
  if (named !== undefined) return named;
  const numeric = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!numeric) return null;
  const minutes = Number(numeric[2]) * 60 + Number(numeric[3] ?? 0);
  return numeric[1] === '-' ? -minutes : minutes;
}

function build(y: number, mo: number, d: number, h: string | undefined, mi: string | undefined, s: string | undefined, zone: string | undefined): Date | null {
  const offset = offsetMinutes(zone);
  if (offset === null || mo < 0 || mo > 11 || d < 1 || d > 31) return null;
  const ms = Date.UTC(y, mo, d, Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0)) - offset * 60_000;
  return Number.isNaN(ms) ? null : new Date(ms);
}

function fullYear(year: string): number {
  const y = Number(year);
  if (year.length > 2) return y;
  return y < 50 ? 2000 + y : 1900 + y;
}

function parseLoose(value: string): Date | null {
  const iso = ISO.exec(value);
  if (iso) return build(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3]), iso[4], iso[5], iso[6], iso[7]);
  const rfc = RFC822.exec(value);
  const month = rfc?.[2] === undefined ? undefined : MONTHS[rfc[2].slice(0, 3).toLowerCase()];
  if (rfc && month !== undefined) {
    return build(fullYear(rfc[3] ?? ''), month, Number(rfc[1]), rfc[4], rfc[5], rfc[6], rfc[7]);
  }
  const dmy = NUMERIC_DMY.exec(value);
  if (dmy) return build(Number(dmy[3]), Number(dmy[2]) - 1, Number(dmy[1]), dmy[4], dmy[5], dmy[6], undefined);
  const hasZone = /(?:\b(?:gmt|utc|z)\b|[+-]\d{2}:?\d{2}\s*$)/i.test(value);
  const fallback = Date.parse(hasZone ? value : `${value} UTC`);
  return Number.isNaN(fallback) ? null : new Date(fallback);
}

/**
 * Parses a feed's publication date: ISO 8601 (with or without zone, space or T), RFC 822/1123
 * (named zones, two-digit years, localized month abbreviations), day-first numeric dates, then
 * whatever `Date.parse` reads. A date without a zone is read as UTC.
 *
 * Returns null (the item is kept, with an unknown date) when the text is missing or unreadable,
 * when it is before 1995 (placeholders such as the epoch), or when it is more than a day after
 * `now`. A far-future date is a publisher's bug (wrong year, wrong zone) and no better than no date:
 * keeping it would let a wrong anchor resolve "Tuesday" to the wrong week, and clamping it to the
 * fetch time would invent a date the publisher never gave; the store records the fetch time anyway.
 */
export function parsePublishedDate(value: string | null | undefined, now: Date): Date | null {
  const text = asciiDigits(value?.trim() ?? '');
  if (!text) return null;
  const date = parseLoose(text);
  if (date === null) return null;
  const ms = date.getTime();
  return ms < EARLIEST || ms > now.getTime() + FUTURE_TOLERANCE_MS ? null : date;
}
