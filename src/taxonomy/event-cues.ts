import type { EventKind } from '../core/event-kinds.js';
import type { CueTable } from './cue-table.js';
import { agreement } from './cues/agreement.js';
import { casualties } from './cues/casualties.js';
import { deEscalation } from './cues/de-escalation.js';
import { diplomaticProtest } from './cues/diplomatic-protest.js';
import { diplomaticTalks } from './cues/diplomatic-talks.js';
import { militantAttack } from './cues/militant-attack.js';
import { militaryStrike } from './cues/military-strike.js';
import { sanctions } from './cues/sanctions.js';
import { statement } from './cues/statement.js';
import { visit } from './cues/visit.js';

/**
 * Cue words of every event kind, by language (en, ar, fa, ur, zh, ja, vi, ru, tr, fr, es, de, hi,
 * id, pt, it, ko). Story-neutral: stories add their own cues in configuration. See {@link CueTable}
 * for how cues are matched.
 */
export const EVENT_CUES: Record<EventKind, CueTable> = {
  military_strike: militaryStrike,
  militant_attack: militantAttack,
  casualties,
  diplomatic_protest: diplomaticProtest,
  diplomatic_talks: diplomaticTalks,
  de_escalation: deEscalation,
  agreement,
  visit,
  statement,
  sanctions,
};
