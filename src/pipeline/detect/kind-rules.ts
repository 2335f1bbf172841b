import type { EventKind } from '../../core/event-kinds.js';

/** How kinds of development combine: kinds of one family on about the same day are one development. */
export interface KindRule {
  family: 'military' | 'attack' | 'protest' | 'diplomacy' | 'statement';
  /** Higher wins when kinds of a family merge (de-escalation over the talks that produced it). */
  rank: number;
  /** Whether the kind makes a development on its own; a death toll or a statement joins one instead. */
  standalone: boolean;
}

/** The rules of the generic taxonomy. */
export const KIND_RULES: Record<EventKind, KindRule> = {
  military_strike: { family: 'military', rank: 3, standalone: true },
  casualties: { family: 'military', rank: 1, standalone: false },
  militant_attack: { family: 'attack', rank: 2, standalone: true },
  diplomatic_protest: { family: 'protest', rank: 3, standalone: true },
  sanctions: { family: 'protest', rank: 2, standalone: true },
  de_escalation: { family: 'diplomacy', rank: 4, standalone: true },
  diplomatic_talks: { family: 'diplomacy', rank: 3, standalone: true },
  agreement: { family: 'diplomacy', rank: 2, standalone: true },
  visit: { family: 'diplomacy', rank: 1, standalone: true },
  statement: { family: 'statement', rank: 0, standalone: false },
};

/** The kind that names a set of kinds of one family: the highest ranked. */
export function leadingKind(kinds: Iterable<EventKind>): EventKind | null {
  let best: EventKind | null = null;
  for (const kind of kinds) if (best === null || KIND_RULES[kind].rank > KIND_RULES[best].rank) best = kind;
  return best;
}
