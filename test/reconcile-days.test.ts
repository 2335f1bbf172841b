import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../src/core/development.js';
import type { Item } from '../src/core/item.js';
import { extractCandidates } from '../src/pipeline/detect/extract.js';
import { planTimeline } from '../src/pipeline/detect/reconcile.js';
import { matchItem } from '../src/pipeline/match/match-item.js';
import { devItem } from './helpers/corpus.js';
import { bundledStory, labeledSet, seedItems } from './helpers/stories.js';

const candidatesOf = (story: string, item: Item) => extractCandidates(matchItem(bundledStory(story), item).analysis, item.published);

const corpusItem = (story: string, id: string): Item => {
  devItem(id, story);
  const found = labeledSet(`../corpus/${story}.jsonl`).find(({ line }) => line.id === id);
  if (!found) throw new Error(`${id}: not found`);
  return found.item;
};

/** Plans a real dev item against a timeline, as detection does. */
const plan = (story: string, item: Item, timeline: TimelineEntry[]) => {
  const compiled = bundledStory(story);
  const candidates = extractCandidates(matchItem(compiled, item).analysis, item.published);
  return planTimeline(story, timeline, candidates, item, new Map(compiled.sides.map((s) => [s.id, s.label])), compiled.taxonomy);
};

/** The timeline a real dev item builds on its own: its new developments, it their first report. */
const firstReported = (story: string, id: string): TimelineEntry[] => {
  const item = corpusItem(story, id);
  return plan(story, item, []).create.map((d, i) => ({
    ...d,
    dateWritten: d.dateWritten ?? true,
    id: i + 1,
    firstItemId: i + 1,
    createdAt: new Date(0),
    firstReport: { published: item.published, key: item.key },
  }));
};

/** Merging real reports into the timeline: which day a report joins, and which it leaves alone. */
describe('planTimeline on real dev items', () => {
  it('lets a report that writes the next day join a development of the day before (a strike "on Tuesday", a claim "Wednesday")', () => {
    // Published 17 January, "Islamabad accused Tehran on Tuesday of carrying out an airstrike": the strike is dated 16 by the text.
    const timeline = firstReported('iran-pakistan-2024', 'ip-4c209012f3').filter((d) => d.kind === 'military_strike');
    expect(timeline.map((d) => d.date)).toEqual(['2024-01-16']);
    // "… claimed Wednesday that the Jaish al-Adl militant group was the target of Iranian strikes": one more source.
    const next = plan('iran-pakistan-2024', corpusItem('iran-pakistan-2024', 'ip-91c3f7cbaa'), timeline);
    expect(next.attach).toEqual([1]);
    expect(next.create.filter((d) => d.kind === 'military_strike')).toEqual([]);
  });

  it('places an undated item’s undated mention by its title or lead, never by a body sentence; a dated item’s body recall still joins (the recall of 17 January)', () => {
    // "Pakistan İrandakı səfirini geri çağırıb" (Pakistan recalled its ambassador to Iran), published 17 January.
    const timeline = firstReported('iran-pakistan-2024', 'ip-c192c7544c');
    expect(timeline.map((d) => [d.kind, d.date])).toEqual([['diplomatic_protest', '2024-01-17']]);
    // "Пакистан отозвал своего посла из Ирана после ракетного удара": the recall in the title, one more source.
    expect(plan('iran-pakistan-2024', corpusItem('iran-pakistan-2024', 'ip-73c6fc0739'), timeline).attach).toEqual([1]);
    // "Islamabad said it would lodge a protest with Tehran", a body sentence of an undated item about the strike of the 16th.
    expect(plan('iran-pakistan-2024', corpusItem('iran-pakistan-2024', 'ip-89290fd17d'), timeline).attach).toEqual([]);
    // An item with its publication day keeps its body recalls: the Arabic seed (France 24, 30 January),
    // "… إذ استدعت باكستان سفيرها من طهران" (as Pakistan recalled its ambassador from Tehran).
    const arabic = seedItems().find((s) => s.file.startsWith('002_'));
    expect(arabic?.published).not.toBeNull();
    expect(plan('iran-pakistan-2024', arabic!, timeline).attach).toEqual([1]);
  });

  it('places no undated mention of a sentence whose strike could be either of two (the summons of 18 January)', () => {
    // The timeline the first reports build: the strike of the 16th ("on Tuesday"), the recall of the
    // 17th, the strike of the 18th ("বৃহস্পতিবার", Thursday).
    const timeline = ['ip-4c209012f3', 'ip-c192c7544c', 'ip-4374380054']
      .flatMap((id) => firstReported('iran-pakistan-2024', id))
      .filter((d) => d.kind !== 'de_escalation')
      .map((d, i) => ({ ...d, id: i + 1 }));
    expect(timeline.map((d) => [d.kind, d.date])).toEqual([
      ['military_strike', '2024-01-16'],
      ['diplomatic_protest', '2024-01-17'],
      ['military_strike', '2024-01-18'],
    ]);
    // "Iran's foreign ministry summoned Pakistan's chargé d'affaires in protest at the Pakistani
    // bombing": which strike is open, so is the protest's day; it is not the recall of the 17th.
    expect(plan('iran-pakistan-2024', corpusItem('iran-pakistan-2024', 'ip-44df35efaa'), timeline).attach).toEqual([]);
    // A title with the recall alone ("রাষ্ট্রদূত তাড়াল পাকিস্তান", Pakistan expelled the ambassador) still joins it.
    expect(plan('iran-pakistan-2024', corpusItem('iran-pakistan-2024', 'ip-fdc7bb609d'), timeline).attach).toEqual([2]);
  });
});

describe('a retaliation on real dev items (a kind that replies)', () => {
  const strikes = (id: string) => firstReported('iran-pakistan-2024', id).filter((d) => d.kind === 'military_strike');
  // "今度はパキスタンがイランに報復空襲" (now Pakistan strikes Iran in retaliation), published 19 January; its lead: "18日".
  const reply = () => corpusItem('iran-pakistan-2024', 'ip-98575fbbfc');

  it('never joins the first strike between its sides, even a day away: it starts a development of its own', () => {
    // A timeline holding one strike, of the 18th ("ইরানে ... হামলা", Thursday): the reply, of the same day, would answer it.
    const only = strikes('ip-4374380054');
    expect(only.map((d) => d.date)).toEqual(['2024-01-18']);
    const alone = plan('iran-pakistan-2024', reply(), only);
    expect(alone.attach).toEqual([]);
    expect(alone.create.filter((d) => d.kinds.includes('retaliation')).map((d) => [d.kind, d.date])).toEqual([['military_strike', '2024-01-18']]);
  });

  it('a threat of retaliation is no reply (real dev item, id: "mengancam balasan", threatened a response)', () => {
    const item = corpusItem('iran-pakistan-2024', 'ip-dd55520a94');
    expect(item.text).toContain('mengancam balasan');
    expect(candidatesOf('iran-pakistan-2024', item).some((c) => c.kinds.includes('retaliation'))).toBe(false);
  });

  it('joins a strike that came after another between its sides (the strike of the 18th, after that of the 16th)', () => {
    const timeline = [...strikes('ip-4c209012f3'), ...strikes('ip-4374380054')].map((d, i) => ({ ...d, id: i + 1 }));
    expect(timeline.map((d) => d.date)).toEqual(['2024-01-16', '2024-01-18']);
    const next = plan('iran-pakistan-2024', reply(), timeline);
    expect(next.attach).toEqual([2]);
    expect(next.create.filter((d) => d.kind === 'military_strike')).toEqual([]);
  });
});

describe("a development dated by its first report's publication day", () => {
  // "Pakistan və İran … səfirlərini … qaytarıblar" (have returned their ambassadors), published 27 January, writes no day.
  const returned = () => firstReported('iran-pakistan-2024', 'ip-6a3660ba82');
  // "… an agreement for the return of ambassadors to their respective posts by January 26, 2024", undated.
  const writes26 = () => corpusItem('iran-pakistan-2024', 'ip-65b18fe544');

  it('takes the earlier day a later source writes for it (real dev items: the ambassadors back on 26 January)', () => {
    const timeline = returned();
    expect(timeline.map((d) => [d.kind, d.date, d.dateWritten])).toEqual([['de_escalation', '2024-01-27', false]]);
    const next = plan('iran-pakistan-2024', writes26(), timeline);
    expect(next.attach).toContain(1);
    expect(next.redate).toEqual([{ id: 1, date: '2024-01-26' }]);
  });

  it('never a later day (news comes out on its day or after), nor a day its first report wrote', () => {
    const earlier = returned().map((d) => ({ ...d, date: '2024-01-25' }));
    expect(plan('iran-pakistan-2024', writes26(), earlier).redate).toBeUndefined();
    const written = returned().map((d) => ({ ...d, dateWritten: true }));
    expect(plan('iran-pakistan-2024', writes26(), written).redate).toBeUndefined();
  });
});

describe('a headline dated by its publication day', () => {
  it('takes the day its own lead writes for the same news, a day before (the Yerevan protests "last night")', () => {
    // Published 21 September: "Protests in Armenia after the Peace Agreement in Nagorno-Karabakh", its
    // lead "Thousands protested last night in the Armenian capital of Yerevan…".
    const protests = candidatesOf('nagorno-karabakh-2023', corpusItem('nagorno-karabakh-2023', 'nk-f29476cf9e')).filter((c) => c.kind === 'protest');
    expect(protests.map((c) => [c.zone, c.date, c.dateSource])).toEqual([
      ['title', '2023-09-20', 'written'],
      ['lead', '2023-09-20', 'written'],
    ]);
  });

  it('keeps its publication day when its text writes a day two days before (a recall, not its news)', () => {
    // Published 17 January, "China calls for 'restraint' after a strike…": the strike written "on Tuesday" (the 16th)
    // is a day before, so the headline's mentions of the family take the 16th, and nothing takes a day further back.
    const strikes = candidatesOf('iran-pakistan-2024', corpusItem('iran-pakistan-2024', 'ip-4c209012f3')).filter(
      (c) => c.family === 'military' && c.date !== null,
    );
    expect(strikes.every((c) => c.date === '2024-01-16' || c.date === '2024-01-17')).toBe(true);
    expect(strikes.some((c) => c.date === '2024-01-16')).toBe(true);
  });

  it('leaves to a protest the arrests it reports that day (a kind that is `partOf` another)', () => {
    // TASS, 22 September: "Police carry out mass arrests in downtown Yerevan", "… detained protesters":
    // the arrests are the protest's, not one of the story's arrests (of Karabakh's former leaders).
    const candidates = candidatesOf('nagorno-karabakh-2023', corpusItem('nagorno-karabakh-2023', 'nk-835bae1948'));
    expect(candidates.map((c) => c.kind)).not.toContain('arrest');
    expect(candidates.filter((c) => c.creates).map((c) => [c.kind, c.date])).toEqual([['protest', '2023-09-22']]);
    // Ruben Vardanyan's arrest on 27 September, with no protest reported: an arrest.
    const arrest = candidatesOf('nagorno-karabakh-2023', corpusItem('nagorno-karabakh-2023', 'nk-6d3f4e87d1')).map((c) => c.kind);
    expect(arrest).toContain('arrest');
  });

  it('takes the one day a sentence naming no side writes for its kind (a death toll rising days after the explosion)', () => {
    // Published 29 September (Persian daily): "Karabakh officials say the toll of the explosion at a
    // petrol station near Stepanakert has reached 170", then "This explosion happened on Monday" (the 25th).
    const explosion = candidatesOf('nagorno-karabakh-2023', corpusItem('nagorno-karabakh-2023', 'nk-e3521e53dd')).filter((c) => c.kind === 'explosion');
    expect(explosion.map((c) => [c.zone, c.date, c.dateSource])).toEqual([['lead', '2023-09-25', 'written']]);
  });
});
