import type { KindConfig } from '../config/kind-schema.js';
import type { StoryConfig } from '../config/story-schema.js';
import type { EventKind } from '../core/event-kinds.js';
import { baseTaxonomy } from './base-taxonomy.js';

/** Cue words for one kind by language code; see config/taxonomy/base.yml for how they are read. */
export type CueTable = Readonly<Record<string, readonly string[]>>;

/** A kind of development as the pipeline uses it. */
export interface KindRule extends Readonly<Omit<KindConfig, 'cues'>> {
  id: EventKind;
  cues: CueTable;
}

/** Kinds by id, in the order they were declared (the base's, then a story's own). */
export type Taxonomy = ReadonlyMap<EventKind, KindRule>;

const byStory = new WeakMap<StoryConfig, Taxonomy>();

/** The kinds a story can use: the base taxonomy's and those it declares (`events.define`). Built once per story config. */
export function storyTaxonomy(config: StoryConfig, base: Taxonomy = baseTaxonomy()): Taxonomy {
  const cached = base === baseTaxonomy() ? byStory.get(config) : undefined;
  if (cached) return cached;
  const kinds = new Map(base);
  for (const [id, kind] of Object.entries(config.events.define ?? {})) kinds.set(id, { ...kind, id });
  if (base === baseTaxonomy()) byStory.set(config, kinds);
  return kinds;
}

/**
 * The rule of a kind. A kind no longer in the taxonomy (a stored development of a kind since
 * removed from the story) is its own family, named by its id.
 */
export function kindRule(taxonomy: Taxonomy, kind: EventKind): KindRule {
  return (
    taxonomy.get(kind) ?? {
      id: kind,
      label: kind.replace(/_/g, ' '),
      family: kind,
      rank: 0,
      standalone: true,
      directed: false,
      joinsAnyFamily: false,
      replies: false,
      partOf: [],
      oneSided: false,
      cues: {},
    }
  );
}

/** The kind that names a set of kinds of one family: the highest ranked (the first of equals). */
export function leadingKind(taxonomy: Taxonomy, kinds: Iterable<EventKind>): EventKind | null {
  let best: EventKind | null = null;
  for (const kind of kinds) if (best === null || kindRule(taxonomy, kind).rank > kindRule(taxonomy, best).rank) best = kind;
  return best;
}
