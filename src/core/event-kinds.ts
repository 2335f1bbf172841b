/**
 * The generic taxonomy of developments in conflict and diplomacy news. Stories choose the kinds
 * that count for them; cue words for each kind, in many languages, live in `src/taxonomy/`.
 */
export const EVENT_KINDS = [
  'military_strike',
  'militant_attack',
  'casualties',
  'diplomatic_protest',
  'diplomatic_talks',
  'de_escalation',
  'agreement',
  'visit',
  'statement',
  'sanctions',
] as const;

/** One kind of development, e.g. `military_strike`. */
export type EventKind = (typeof EVENT_KINDS)[number];

/** English labels for event kinds, used in reasons, timelines and alerts. */
export const EVENT_KIND_LABELS: Record<EventKind, string> = {
  military_strike: 'military strike',
  militant_attack: 'militant attack',
  casualties: 'casualties',
  diplomatic_protest: 'diplomatic protest / recall',
  diplomatic_talks: 'talks',
  de_escalation: 'de-escalation',
  agreement: 'agreement',
  visit: 'visit',
  statement: 'statement',
  sanctions: 'sanctions',
};
