import { z } from 'zod';
import type { LearnedWeights } from './learned-weights.js';
import { baseTaxonomy } from '../taxonomy/base-taxonomy.js';
import { cueTableSchema, kindIdSchema, kindSchema, langSchema } from './kind-schema.js';

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a lowercase id such as "city-elections-2026"');
const lang = langSchema;
const country = z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code such as "FR"');

/**
 * Names by language. Matching is case- and accent-insensitive and at word starts, so a name also
 * matches its inflections ("Kenya" → "Kenyan", "Кения" → "Кении"); in scripts written
 * without spaces (Chinese, Japanese, Thai) names match anywhere. Single CJK characters are refused.
 */
export const namesSchema = z.record(lang, z.array(z.string().trim().min(2, 'names must have at least 2 characters')).min(1));

const entitySchema = z.strictObject({
  id,
  label: z.string().min(1),
  kind: z.enum(['country', 'city', 'place', 'person', 'group', 'organization', 'operation']),
  /** The side this entity is evidence for; omit for entities of the story as a whole (e.g. a militant group). */
  side: id.optional(),
  /**
   * The entity names the story by itself (the disputed region the story is about): it counts as
   * evidence for every side. Use sparingly; a group active in many stories is not core.
   */
  core: z.boolean().default(false),
  /** Country codes whose names in ~80 languages are taken from ICU and i18n-iso-countries. */
  countries: z.array(country).optional(),
  names: namesSchema.optional(),
  /**
   * For a person in office (a foreign minister): the first and last day of the term; omit `to`
   * while in office. Named in an undated item outside the story's period, the person is evidence
   * of another period, not of the story.
   */
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  /** Naming the entity reports a development of this kind (one of `events.kinds`): an operation's name is its strike. */
  reports: kindIdSchema.optional(),
});

const nearMissSchema = z.strictObject({
  id,
  label: z.string().min(1),
  countries: z.array(country).optional(),
  names: namesSchema.optional(),
});

/** Every kind a story names is a base kind or one it defines, and each is listed in `kinds`. */
function checkKinds(
  events: { kinds: string[]; core?: string[]; cues?: Record<string, unknown>; define?: Record<string, { partOf?: string[] }> },
  ctx: z.RefinementCtx,
): void {
  const base = baseTaxonomy();
  const own = Object.keys(events.define ?? {});
  for (const id of own.filter((k) => base.has(k))) {
    ctx.addIssue({ code: 'custom', path: ['define', id], message: `"${id}" is a base kind; add words to it with events.cues instead` });
  }
  const expected = `a kind of config/taxonomy/base.yml (${[...base.keys()].join(', ')}) or of events.define`;
  events.kinds.forEach((kind, i) => {
    if (!base.has(kind) && !own.includes(kind)) ctx.addIssue({ code: 'custom', path: ['kinds', i], message: `unknown kind "${kind}"; expected ${expected}` });
  });
  const listed = (where: string, kinds: string[]): void => {
    for (const kind of kinds) if (!events.kinds.includes(kind)) ctx.addIssue({ code: 'custom', path: [where, kind], message: `"${kind}" is not one of events.kinds` });
  };
  listed('cues', Object.keys(events.cues ?? {}));
  listed('define', own);
  for (const [id, kind] of Object.entries(events.define ?? {})) {
    kind.partOf?.forEach((other, i) => {
      if (!events.kinds.includes(other)) ctx.addIssue({ code: 'custom', path: ['define', id, 'partOf', i], message: `"${other}" is not one of events.kinds` });
    });
  }
  events.core?.forEach((kind, i) => {
    if (!events.kinds.includes(kind)) ctx.addIssue({ code: 'custom', path: ['core', i], message: `"${kind}" is not one of events.kinds` });
  });
}

/** config/stories/<id>.yml — a story, entirely as configuration. */
export const storySchema = z
  .strictObject({
    id,
    title: z.string().min(1),
    /** The title in other languages, by language code: alerts, digests, answers and pages in that language use it. */
    titles: z.record(z.string().regex(/^[a-z]{2,3}$/u, 'a language code such as fr or zh'), z.string().min(1)).optional(),
    description: z.string().min(1),
    /**
     * The time the story covers. Omit `to` for a story still going on; after `to` (or a quiet
     * period) only items that tie back to the story match (see the matcher's follow-up rule).
     */
    window: z
      .strictObject({ from: z.iso.date(), to: z.iso.date().optional() })
      .refine((w) => !w.to || w.to >= w.from, { message: 'window.to must not be before window.from' }),
    /** Languages the story is mostly told in (informational, and for the digest's language list). */
    languages: z.array(lang).optional(),
    /** The parties: an item belongs to the story only with evidence for every side. */
    sides: z.array(z.strictObject({ id, label: z.string().min(1), labels: z.record(lang, z.string().trim().min(1)).optional() })).min(1),
    entities: z.array(entitySchema).min(1),
    events: z.strictObject({
      /** The kinds that count for the story: base kinds (config/taxonomy/base.yml) or its own (`define`). */
      kinds: z.array(kindIdSchema).min(1),
      /**
       * The kinds that make the story (its strikes, its recalls); the others count less. A meeting,
       * a statement or a death toll between the same parties is often another story. Default: all.
       */
      core: z.array(kindIdSchema).optional(),
      /** Extra cue words for this story, added to the taxonomy's. */
      cues: z.record(kindIdSchema, cueTableSchema).optional(),
      /** Kinds of the story's own (an exodus, a decree): label, family, merge rule and cue words. */
      define: z.record(kindIdSchema, kindSchema).optional(),
    }).superRefine(checkKinds),
    /** Topics that look close but are not the story (a third country, another year's meeting). */
    nearMisses: z.array(nearMissSchema).default([]),
    /** Score (0–1) from which an item matches; tuned with `storywatch eval`. */
    threshold: z.number().min(0).max(1).default(0.5),
    /**
     * Days without a development after which a story is quiet (`/story` says "quiet since …"), and
     * after which, in a story without `window.to`, an item must tie back to the story to match.
     * Default 14: the longest gap between true developments in the labeled corpora's dev splits.
     */
    quietAfterDays: z.number().int().min(1).default(14),
  })
  .superRefine((story, ctx) => {
    const sides = new Set(story.sides.map((s) => s.id));
    story.entities.forEach((e, i) => {
      if (e.side !== undefined && !sides.has(e.side)) {
        ctx.addIssue({ code: 'custom', path: ['entities', i, 'side'], message: `unknown side "${e.side}"; expected one of ${[...sides].join(', ')}` });
      }
      if (!e.countries && !e.names) ctx.addIssue({ code: 'custom', path: ['entities', i], message: 'an entity needs countries or names' });
      if (e.from && e.to && e.to < e.from) ctx.addIssue({ code: 'custom', path: ['entities', i, 'to'], message: 'to must not be before from' });
      if (e.reports !== undefined && !story.events.kinds.includes(e.reports)) {
        ctx.addIssue({ code: 'custom', path: ['entities', i, 'reports'], message: `"${e.reports}" is not one of events.kinds` });
      }
    });
    for (const side of sides) {
      if (!story.entities.some((e) => e.side === side)) ctx.addIssue({ code: 'custom', path: ['sides'], message: `side "${side}" has no entities` });
    }
  });

/** A story as loaded: its file, and the weights `storywatch train` fitted for it when its weights file exists. */
export type StoryConfig = z.infer<typeof storySchema> & { learnedWeights?: LearnedWeights };
export type StoryEntity = z.infer<typeof entitySchema>;
export type StoryNames = z.infer<typeof namesSchema>;
