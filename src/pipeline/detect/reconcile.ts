import type { Candidate, NewDevelopment, Redate, Revision, TimelineEntry, TimelinePlan } from '../../core/development.js';
import type { EventKind } from '../../core/event-kinds.js';
import { comparePublication, type PublicationKey } from '../../core/publication-order.js';
import { kindRule, leadingKind, type Taxonomy } from '../../taxonomy/taxonomy.js';

const DAY = 86_400_000;
const days = (a: string, b: string): number => Math.abs(Date.parse(a) - Date.parse(b)) / DAY;
const overlaps = (a: string[], b: string[]): boolean => a.some((x) => b.includes(x));
const ZONE_RANK: Record<Candidate['zone'], number> = { lead: 0, body: 1, title: 2 };

/** A development this item starts, while it is being assembled. */
interface Group {
  family: string;
  date: string;
  kinds: Set<EventKind>;
  /** Kinds of the dated sentences that made it: they name it; undated mentions only add to `kinds`. */
  naming: Set<EventKind>;
  actors: string[];
  summary: string;
  zone: Candidate['zone'];
  /** Whether a sentence that made it wrote its day (else the day is the item's publication day). */
  dateWritten: boolean;
}

/** Within a day of each other, same family, a side in common: the same development. */
function sameEvent(family: string, actors: string[], date: string | null, other: { family: string; actors: string[]; date: string }): boolean {
  return family === other.family && overlaps(actors, other.actors) && (date === null || days(date, other.date) <= 1);
}

/** Whether some of the kinds answer an earlier development of their family (a retaliation). */
const replying = (taxonomy: Taxonomy, kinds: Iterable<EventKind>): boolean => [...kinds].some((k) => kindRule(taxonomy, k).replies);

function nearest<T extends { date: string }>(list: T[], date: string | null): T | undefined {
  if (date === null) return list.length === 1 ? list[0] : undefined;
  return [...list].sort((a, b) => days(a.date, date) - days(b.date, date))[0];
}

/** Labels a development in English: "military strike: Kenya → Somalia", "talks: Kenya, Somalia". */
export function developmentLabel(taxonomy: Taxonomy, kind: EventKind, actors: string[], sideLabels: Map<string, string>): string {
  const names = actors.map((a) => sideLabels.get(a) ?? a);
  const { label, directed } = kindRule(taxonomy, kind);
  return names.length === 0 ? label : `${label}: ${names.join(directed ? ' → ' : ', ')}`;
}

/**
 * Merges an item's candidates into a story's timeline. A dated standalone candidate joins the
 * development of its family with a side in common within a day (nearest first), else starts one;
 * dates written in the text found developments before publication days do. A death toll, a
 * statement or an undated mention only joins a development — and only one it points to clearly. In
 * an item without a publication day, an undated mention in the body joins only the item's own new
 * developments, and one in a sentence whose other undated mention fits several developments joins none.
 * A report of a reply (a kind with `replies`, such as a retaliation), and any report of its family
 * the item gives within a day of it, never joins the first development of that family between its
 * sides: that is the development it answers.
 *
 * The plan does not depend on the order items arrive in: the timeline is planned as if it held only
 * the developments first reported before `item` in publication order. A development it would start
 * that one first reported *after* it (an item that arrived earlier) already stands for is revised
 * instead: this item becomes its first report and decides its kind, date, actors and summary, as it
 * would have had it come first.
 */
export function planTimeline(
  storyId: string,
  timeline: TimelineEntry[],
  candidates: Candidate[],
  item: { lang: string } & PublicationKey,
  sideLabels: Map<string, string>,
  taxonomy: Taxonomy,
): TimelinePlan {
  const attach = new Set<number>();
  const quotes: Record<number, { text: string; zone: Candidate['zone'] }> = {};
  const quote = (id: number, c: Candidate): void => {
    const had = quotes[id];
    if (!had || ZONE_RANK[c.zone] < ZONE_RANK[had.zone]) quotes[id] = { text: c.summary, zone: c.zone };
  };
  const groups: Group[] = [];
  const redate: Redate[] = [];
  const existing = timeline.map((d) => ({ ...d, family: kindRule(taxonomy, d.kind).family }));
  const before = existing.filter((d) => d.firstReport === null || comparePublication(d.firstReport, item) <= 0);
  const after = existing.filter((d) => !before.includes(d));
  const creating = candidates.filter((c) => c.creates).sort((a, b) => Number(a.dateSource !== 'written') - Number(b.dateSource !== 'written'));

  // A reply (a retaliation) answers an earlier development of its family: it never joins the first
  // one between its sides (in the timeline or among the item's own), only a later one.
  const hasEarlier = (t: { family: string; actors: string[]; date: string }): boolean => {
    const earlier = (o: { family: string; actors: string[]; date: string }): boolean =>
      o.family === t.family && overlaps(o.actors, t.actors) && o.date < t.date;
    return existing.some(earlier) || groups.some(earlier);
  };
  const answers = (kinds: Iterable<EventKind>, t: { family: string; actors: string[]; date: string }): boolean => !replying(taxonomy, kinds) || hasEarlier(t);
  // An item tells of one moment a day: a report of its family within a day of its reply ("struck …
  // on Thursday" under "retaliates") is the reply too.
  const replies = creating.filter((c) => replying(taxonomy, c.kinds));
  const answering = new Set(creating.filter((c) => replies.some((r) => sameEvent(c.family, c.actors, c.date, { ...r, date: r.date as string }))));
  for (const c of creating) {
    const date = c.date as string;
    const known = nearest(
      before.filter((d) => sameEvent(c.family, c.actors, date, d) && (!answering.has(c) || hasEarlier(d))),
      date,
    );
    if (known) {
      attach.add(known.id);
      quote(known.id, c);
      // A development dated by its first report's publication day takes the earlier day this one
      // writes for it: news is published on the day of its event or after, never before.
      if (c.dateSource === 'written' && !known.dateWritten && date < known.date && !redate.some((r) => r.id === known.id)) redate.push({ id: known.id, date });
      continue;
    }
    const group = nearest(
      groups.filter((g) => sameEvent(c.family, c.actors, date, g)),
      date,
    );
    if (group) {
      c.kinds.forEach((k) => (group.kinds.add(k), group.naming.add(k)));
      for (const a of c.actors) if (!group.actors.includes(a)) group.actors.push(a);
      if (ZONE_RANK[c.zone] < ZONE_RANK[group.zone]) Object.assign(group, { summary: c.summary, zone: c.zone });
      if (c.dateSource === 'written') group.dateWritten = true;
    } else
      groups.push({
        family: c.family,
        date,
        kinds: new Set(c.kinds),
        naming: new Set(c.kinds),
        actors: [...c.actors],
        summary: c.summary,
        zone: c.zone,
        dateWritten: c.dateSource === 'written',
      });
  }

  const fitting = (c: Candidate) => {
    const { joinsAnyFamily } = kindRule(taxonomy, c.kind);
    return (t: { id?: number; family: string; actors: string[]; date: string }): boolean =>
      joinsAnyFamily
        ? c.date !== null && t.date === c.date && overlaps(c.actors, t.actors)
        : // The item's own groups (no id) take its reply: the item tells of one moment.
          sameEvent(c.family, c.actors, c.date, t) && (t.id === undefined || answers(c.kinds, t));
  };
  const joining = candidates.filter((x) => !x.creates);
  // An item without a publication day has nothing but the timeline to place its undated mentions by.
  // A sentence tells of one moment: when an undated mention in it fits several known developments (a
  // strike, when there were two), its moment is open, and no undated mention in it is placed by guess.
  const open = new Set(joining.filter((c) => c.date === null && !groups.some(fitting(c)) && existing.filter(fitting(c)).length > 1).map((c) => c.summary));
  for (const c of joining) {
    const fits = fitting(c);
    // An undated sentence is most likely about the item's own news: its groups are asked first. In an
    // item without a publication day, an undated body sentence that is not is a recall or an
    // explanation, which no day places.
    const group = nearest(groups.filter(fits), c.date);
    if (group) c.kinds.forEach((k) => group.kinds.add(k));
    else if (c.date !== null || item.published !== null || (c.zone !== 'body' && !open.has(c.summary))) {
      const known = nearest(existing.filter(fits), c.date);
      if (known) {
        attach.add(known.id);
        quote(known.id, c);
      }
    }
  }

  const create: NewDevelopment[] = [];
  const revise: Revision[] = [];
  for (const g of [...groups].sort((a, b) => a.date.localeCompare(b.date))) {
    const kinds = [...g.kinds];
    const kind = leadingKind(
      taxonomy,
      [...g.naming].filter((k) => kindRule(taxonomy, k).family === g.family),
    ) as EventKind;
    const development = {
      storyId,
      kind,
      kinds,
      date: g.date,
      actors: g.actors,
      label: developmentLabel(taxonomy, kind, g.actors, sideLabels),
      summary: g.summary,
      summaryLang: item.lang,
      dateWritten: g.dateWritten,
    };
    const later = nearest(
      after.filter((d) => sameEvent(g.family, g.actors, g.date, d) && answers(d.kinds, g) && !revise.some((r) => r.id === d.id)),
      g.date,
    );
    if (later) revise.push({ id: later.id, development });
    else create.push(development);
  }
  const attached = [...attach].filter((id) => !revise.some((r) => r.id === id));
  const said = Object.fromEntries(attached.flatMap((id) => (quotes[id] ? [[id, quotes[id].text]] : [])));
  // Re-dated developments are earlier reports' (`before`), never revised (`after`): all stay attached.
  return { attach: attached, create, revise, ...(Object.keys(said).length > 0 ? { quotes: said } : {}), ...(redate.length > 0 ? { redate } : {}) };
}
