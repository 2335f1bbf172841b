import { z } from 'zod';

/** The form of a kind id: lower case words joined by underscores. */
export const KIND_ID_PATTERN = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

/** BCP 47 primary language subtag ("en", "fa", "zh"), or "any" for words written the same everywhere. */
export const langSchema = z.string().regex(/^([a-z]{2,3}|any)$/, 'expected a language code such as "en", "fa", "zh" or "any"');

/** A kind id such as "military_strike". */
export const kindIdSchema = z.string().regex(KIND_ID_PATTERN, 'expected a kind id such as "military_strike" (lower case, underscores)');

/**
 * Cue words by language (read as described in config/taxonomy/base.yml: word starts, "$" for whole
 * words). Adding a language is adding a key: no code lists languages.
 */
export const cueTableSchema = z.record(langSchema, z.array(z.string().trim().min(2, 'cue words must have at least 2 characters')).min(1));

/** One kind of development: its label, how it merges with others, and its cue words. */
export const kindSchema = z.strictObject({
  label: z.string().min(1),
  /** The label in other languages, for channels that read them (docs/decisions/023); English `label` otherwise. */
  labels: z.record(langSchema, z.string().trim().min(1)).optional(),
  /** Kinds of one family about the same day with a side in common are one development. */
  family: z.string().regex(/^[a-z][a-z0-9_-]*$/, 'expected a family id such as "military"'),
  /** Higher names the development when kinds of a family merge. */
  rank: z.number().int().min(0).default(1),
  /** Whether the kind makes a development on its own (false: it only joins one). */
  standalone: z.boolean().default(true),
  /** Actors are shown as "A → B" (who did it to whom). */
  directed: z.boolean().default(false),
  /**
   * A kind that does not make developments joins one of any family reported the same day
   * (a statement about the day's strike) instead of one of its own family within a day.
   */
  joinsAnyFamily: z.boolean().default(false),
  /**
   * A reply to an earlier development of its family (a retaliatory strike): a report of it never
   * joins the first development of its family between its sides, the one it answers, however close
   * their days, so the strike and the strike answering it stay two developments.
   */
  replies: z.boolean().default(false),
  /**
   * Kinds this one is part of: reported in one item with one of them on the same day (police
   * detaining protesters at a protest), it is that development's, not one of its own.
   */
  partOf: z.array(kindIdSchema).default([]),
  /**
   * A development of one side alone (a protest in its capital): named with one side in the title or
   * lead of an item of the story's window, it is evidence for the story though no other side is named.
   */
  oneSided: z.boolean().default(false),
  cues: cueTableSchema.default({}),
});

/** config/taxonomy/base.yml: the kinds every story may use. */
export const taxonomyFileSchema = z.strictObject({ kinds: z.record(kindIdSchema, kindSchema) });

export type KindConfig = z.output<typeof kindSchema>;
