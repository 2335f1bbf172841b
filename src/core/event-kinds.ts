import { baseTaxonomy } from '../taxonomy/base-taxonomy.js';

/**
 * A kind of development, by id (`military_strike`, or a story's own such as `displacement`). Kinds
 * are data: the base taxonomy is config/taxonomy/base.yml and a story may declare kinds of its own
 * (see `src/taxonomy/taxonomy.ts`); ids are validated against them when configuration loads.
 */
export type EventKind = string;

/**
 * The ids of the base taxonomy's kinds, for input that is checked against the base alone. Code that
 * has a story uses its taxonomy (`CompiledStory.taxonomy`, `storyTaxonomy`), which adds its own kinds.
 */
export const EVENT_KINDS = [...baseTaxonomy().keys()] as [EventKind, ...EventKind[]];
