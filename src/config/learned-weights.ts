import { z } from 'zod';

/**
 * The signals the matcher weighs, each 0/1 per item. Their hand-set increments are the default
 * combination; `storywatch train` fits the learnable ones on a story's dev split.
 */
export const FEATURES = [
  'allSidesInFocus',
  'sideOnlyInBody',
  'storyEntityInFocus',
  'togetherInFocus',
  'togetherWithCoreEvent',
  'togetherWithOtherEvent',
  'togetherInHeadlineWithEvent',
  'togetherInBody',
  'coreEventInFocus',
  'otherEventInFocus',
  'eventInBody',
  'inWindow',
  'datesInWindow',
  'outsideWindow',
  'followUp',
  'otherDatesOnly',
  'otherYearsOnly',
  'nearMissInTitle',
  'nearMissInLead',
  'nearMissBesideStory',
  'outOfOffice',
] as const;

/** One of the matcher's named signals. */
export type Feature = (typeof FEATURES)[number];

/**
 * Signals that stay hand-set under learned weights: vetoes the data cannot decide. A dated item
 * outside the window (or after a quiet period with no tie back) never matches, whatever else it says.
 */
export const VETOES: readonly Feature[] = ['outsideWindow'];

/** The signals a weights file gives weights to. */
export const LEARNED_FEATURES = FEATURES.filter((f) => !VETOES.includes(f));

const featureName = z.enum(LEARNED_FEATURES as [Feature, ...Feature[]]);
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 in hex');

/** config/stories/<id>.weights.yml — weights fitted by `storywatch train`. */
export const weightsFileSchema = z.strictObject({
  story: z.string().min(1),
  model: z.literal('logistic'),
  bias: z.number(),
  /** Probability from which an item matches. */
  threshold: z.number().gt(0).lt(1),
  /** Log-odds added when the signal fires; a signal left out weighs 0. */
  weights: z.partialRecord(featureName, z.number()),
  /** Hand-set vetoes, for the reader (the matcher applies VETOES). */
  vetoes: z.array(z.string()).default([]),
  regularization: z.number().min(0),
  trainedOn: z.strictObject({
    file: z.string().min(1),
    split: z.literal('dev'),
    sha256,
    items: z.number().int().min(1),
    positives: z.number().int().min(0),
    /** Readers' labels (`train --labels`) that joined the dev items, with the file's hash. */
    labels: z.strictObject({ file: z.string().min(1), sha256, items: z.number().int().min(0) }).optional(),
  }),
  cv: z.strictObject({ folds: z.number().int().min(2), f1: z.array(z.number()), meanF1: z.number() }),
  date: z.iso.datetime(),
});

/** A weights file as loaded. */
export type WeightsFile = z.infer<typeof weightsFileSchema>;

/** Learned weights attached to a story, with the file they came from (named in the reasons). */
export interface LearnedWeights {
  file: string;
  bias: number;
  threshold: number;
  weights: Partial<Record<Feature, number>>;
}

/** The weights file that goes with a story file: `<id>.weights.yml` next to `<id>.yml`. */
export const weightsFileName = (storyId: string): string => `${storyId}.weights.yml`;
