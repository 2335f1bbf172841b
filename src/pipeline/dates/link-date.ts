/** The day or month a page's address is dated: news sites write their publication date in the path. */
export interface LinkDate {
  /** The date as the address writes it, e.g. "2016/04/05", "20240117". */
  text: string;
  year: number;
  /** 1–12. */
  month: number;
  /** 1–31, or null when the address gives only the month ("/2023/01/slug"). */
  day: number | null;
}

const Y = '((?:199[5-9]|20\\d\\d))';
const M = '(0[1-9]|1[0-2])';
const D = '(0[1-9]|[12]\\d|3[01])';
/** "/2024/01/17/", "2024-01-18", "2016-04/06", "/2023/01/": a year and month with separators, the day optional. */
const SEPARATED = new RegExp(`(?<![\\d])${Y}[/_.-]${M}(?:[/_.-]${D})?(?![\\d])`);
/** "20240117", "-20240117.html", "/202206142136" (a time after the day): the digits standing alone. */
const COMPACT = new RegExp(`(?<![\\d])${Y}${M}${D}(?:(?:[01]\\d|2[0-3])[0-5]\\d(?:[0-5]\\d)?)?(?![\\d])`);

/** Whether a day exists in its month ("2023/02/30" is an id, not a date). */
const exists = (year: number, month: number, day: number): boolean => new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day;

/**
 * The date written in a link's path (not its host or query), the first one found, or null. Only
 * 1995–2099 and real days count, so that article numbers ("/123114639/") are not read as dates.
 */
export function linkDate(link: string | null | undefined): LinkDate | null {
  if (!link) return null;
  let pathname: string;
  try {
    pathname = new URL(link).pathname;
  } catch {
    return null;
  }
  const candidates = [SEPARATED.exec(pathname), COMPACT.exec(pathname)].filter((m): m is RegExpExecArray => m !== null);
  const first = candidates.sort((a, b) => a.index - b.index)[0];
  if (!first) return null;
  const [text, y, m, d] = first;
  const year = Number(y);
  const month = Number(m);
  const day = d === undefined ? null : Number(d);
  if (day !== null && !exists(year, month, day)) return null;
  return { text, year, month, day };
}

/** The day a link's path gives, as midnight UTC, or null when it gives none or only a month. */
export function linkDay(link: string | null | undefined): Date | null {
  const linked = linkDate(link);
  return linked === null || linked.day === null ? null : new Date(Date.UTC(linked.year, linked.month - 1, linked.day));
}
