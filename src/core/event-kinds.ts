/**
 * A kind of development, by id (`military_strike`, or a story's own such as `displacement`). Kinds
 * are data: the base taxonomy is config/taxonomy/base.yml and a story may declare kinds of its own
 * (see `src/taxonomy/taxonomy.ts`); ids are checked against them when configuration loads
 * (`kindIdSchema` for their form).
 */
export type EventKind = string;
