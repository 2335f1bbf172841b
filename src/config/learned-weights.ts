import { z } from 'zod';

/**
 * The signals the matcher weighs, each 0/1 per item. Their hand-set increments are the default
 * combination; `storywatch train` fits the learnable ones on a story's dev split.
 */
export const FEATURES = [
  'allSidesInFocus',
  'sideOnlyInBody',
  'oneSidedDevelopment',
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

/**
 * Signals that are the level the bias stands for: an item the weights decide names every side, in
 * the title or lead (`allSidesInFocus`) or else in the body alone (`sideOnlyInBody`), so one of the
 * two always fires and a weight for each would only split the bias between them (decision 041).
 */
export const REFERENCE: readonly Feature[] = ['sideOnlyInBody'];

/** The signals a weights file gives weights to. */
export const LEARNED_FEATURES = FEATURES.filter((f) => !VETOES.includes(f) && !REFERENCE.includes(f));

/**
 * Signals that speak against the story; every other learned signal speaks for it. The fit keeps
 * each weight on its side of zero (decision 041), so a reason's contribution has the sign of what it says.
 */
export const AGAINST: readonly Feature[] = ['otherDatesOnly', 'otherYearsOnly', 'nearMissInTitle', 'nearMissInLead', 'nearMissBesideStory', 'outOfOffice'];

/** The side of zero each learned signal's weight keeps, in LEARNED_FEATURES order: −1 against, +1 for. */
export const LEARNED_SIGNS: readonly (1 | -1)[] = LEARNED_FEATURES.map((f) => (AGAINST.includes(f) ? -1 : 1));

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
  weights: z.partialRecord(featureName, z.number()).superRefine((weights, ctx) => {
    for (const [feature, w] of Object.entries(weights) as [Feature, number][]) {
      const against = AGAINST.includes(feature);
      if (against ? w > 0 : w < 0) ctx.addIssue({ code: 'custom', path: [feature], message: `${feature} speaks ${against ? 'against' : 'for'} the story: its weight must be ${against ? '≤ 0' : '≥ 0'}` });
    }
  }),
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
