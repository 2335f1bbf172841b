import { z } from 'zod';
import type { Alert, Development, TimelineEntry } from '../../core/development.js';
import { parseRow } from './rows.js';
import { KIND_ID_PATTERN } from '../../config/kind-schema.js';

const json = <T extends z.ZodType>(schema: T) =>
  z.string().transform((text, ctx): z.output<T> => {
    const parsed = schema.safeParse(JSON.parse(text));
    if (!parsed.success) ctx.addIssue({ code: 'custom', message: `unexpected JSON ${text.slice(0, 60)}` });
    return parsed.data as z.output<T>;
  });
const kind = z.string().regex(KIND_ID_PATTERN);

/** A development's day as read back (`SELECT date FROM developments`). */
export const developmentDayRow = z.object({ date: z.iso.date() }).transform((r) => r.date);

const developmentColumns = z.object({
  id: z.number().int(),
  story_id: z.string(),
  kind,
  kinds: json(z.array(kind)),
  date: z.iso.date(),
  actors: json(z.array(z.string())),
  label: z.string(),
  summary: z.string(),
  summary_lang: z.string(),
  first_item_id: z.number().int().nullable(),
  created_at: z.number().int().transform((ms) => new Date(ms)),
});
type DevelopmentFields = Omit<Development, 'sources' | 'languages'>;
const fields = (r: z.output<typeof developmentColumns>): DevelopmentFields => ({
  id: r.id, storyId: r.story_id, kind: r.kind, kinds: r.kinds, date: r.date, actors: r.actors, label: r.label,
  summary: r.summary, summaryLang: r.summary_lang, firstItemId: r.first_item_id, createdAt: r.created_at,
});

/** A `developments` row as read back (sources and languages are added from development_sources). */
export const developmentRow = developmentColumns.transform(fields);

/**
 * A `developments` row joined with its first item's publication date and key (`first_published_at`,
 * `first_key`), as the merge planner reads it.
 */
export const timelineEntryRow = developmentColumns
  .extend({ first_published_at: z.number().int().nullable(), first_key: z.string().nullable() })
  .transform((r): TimelineEntry => ({
    ...fields(r),
    firstReport: r.first_key === null ? null : { published: r.first_published_at === null ? null : new Date(r.first_published_at), key: r.first_key },
  }));

/** A `development_sources` row. */
export const sourceRow = z.object({ development_id: z.number().int(), item_id: z.number().int(), lang: z.string() });

/** Developments from their rows and their source rows (sources in the order given — publication order, undated last — languages once each). */
export function assembleDevelopments(developmentRows: unknown[], sourceRows: unknown[]): Development[] {
  const sources = new Map<number, { items: number[]; langs: string[] }>();
  for (const raw of sourceRows) {
    const s = parseRow(sourceRow, 'development_sources', raw);
    const entry = sources.get(s.development_id) ?? { items: [], langs: [] };
    entry.items.push(s.item_id);
    if (!entry.langs.includes(s.lang)) entry.langs.push(s.lang);
    sources.set(s.development_id, entry);
  }
  return developmentRows.map((raw) => {
    const d = parseRow(developmentRow, 'developments', raw);
    const s = sources.get(d.id) ?? { items: [], langs: [] };
    return { ...d, sources: s.items, languages: s.langs };
  });
}

/** An `alerts` row. */
export const alertRow = z
  .object({
    id: z.number().int(),
    story_id: z.string(),
    item_id: z.number().int(),
    developments: json(z.array(z.number().int())),
    context: json(z.array(z.number().int())),
    created_at: z.number().int().transform((ms) => new Date(ms)),
  })
  .transform((r): Alert => ({ id: r.id, storyId: r.story_id, itemId: r.item_id, developments: r.developments, context: r.context, createdAt: r.created_at }));
