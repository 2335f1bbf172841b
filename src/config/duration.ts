import { z } from 'zod';

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** Parses "90s", "15m", "1h", "1d" or a bare number of seconds; null when it is not a duration. */
export function parseDurationSec(value: string | number): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? value : null;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$/i.exec(value);
  if (!m) return null;
  const seconds = Number(m[1]) * (UNIT_SECONDS[(m[2] || 's').toLowerCase()] ?? 1);
  return seconds > 0 ? Math.round(seconds) : null;
}

/** A zod schema for a positive duration written as "15m" or as seconds, giving seconds. */
export const durationSchema = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const seconds = parseDurationSec(value);
  if (seconds === null) {
    ctx.addIssue({ code: 'custom', message: `expected a duration like "90s", "15m", "1h" or a number of seconds, got ${JSON.stringify(value)}` });
    return z.NEVER;
  }
  return seconds;
});
