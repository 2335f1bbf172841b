import { describe, expect, it } from 'vitest';
import { storySchema } from '../src/config/story-schema.js';
import { compileStory } from '../src/pipeline/match/compile-story.js';
import { datelineDates, datelineDay } from '../src/pipeline/match/window.js';
import { matchItem, type MatchInput } from '../src/pipeline/match/match-item.js';
import { describeState, storyState } from '../src/queries/story-state.js';
import { devItem, type CorpusLine } from './helpers/corpus.js';
import { bundledStory } from './helpers/stories.js';

const story = () => bundledStory('iran-pakistan-2024');
const item = (title: string, text: string, lang: string, published: string | null = null): MatchInput => ({
  title,
  text,
  lang,
  published: published === null ? null : new Date(published),
});

const asInput = (l: CorpusLine): MatchInput => item(l.title ?? '', l.summary, l.lang, l.published);

describe('both sides in the headline with a development kind', () => {
  it('is strong evidence, with any kind of the story (real dev item: ambassadors return, minister to Islamabad)', () => {
    const l = devItem('ip-69e5ae95a3');
    expect(l.label).toBe('in_cluster');
    const m = matchItem(story(), asInput(l));
    expect(m.reasons.join(' · ')).toMatch(/\(both sides in the headline\)/);
    expect(m.matched).toBe(true);
  });

  it('not when the headline is only a statement of a near-miss topic', () => {
    const m = matchItem(
      story(),
      item('Iran and Pakistan say they seek solutions', 'Iran and Pakistan are seeking solutions to conclude the gas pipeline project, the consul said.', 'en'),
    );
    expect(m.reasons.join(' · ')).not.toMatch(/both sides in the headline/);
    expect(m.matched).toBe(false);
  });

  it('not when the sides are apart: one in the title, the other only in the lead', () => {
    const m = matchItem(story(), item('Iran signs an agreement', 'The deal was welcomed in Pakistan.', 'en'));
    expect(m.reasons.join(' · ')).toMatch(/not a core kind/);
  });
});

describe('a development of one side alone', () => {
  const karabakh = () => bundledStory('nagorno-karabakh-2023');
  it('a protest in Yerevan, in the window, needs no other side (real dev items, en and fr: the clashes of 20 September)', () => {
    for (const id of ['nk-4f9911a1ec', 'nk-8a2a34b160']) {
      const l = devItem(id, 'nagorno-karabakh-2023');
      expect(l.label).toBe('in_cluster');
      const m = matchItem(karabakh(), asInput(l));
      expect(m.reasons, id).toContain('one-sided development: street protest (no other side needed)');
      expect(m.matched, id).toBe(true);
    }
  });

  it('not without a day of the window: an undated protest in Yerevan is another period (real dev hard near miss)', () => {
    const l = devItem('nk-aa237edeee', 'nagorno-karabakh-2023');
    expect(l).toMatchObject({ label: 'near_miss', hard: true });
    const m = matchItem(karabakh(), asInput(l));
    expect(m.reasons).toContain('one-sided development: street protest (no other side needed)');
    expect(m.matched).toBe(false);
  });

  it('not for a kind that is not declared one-sided: a strike with one side named stays out', () => {
    const m = matchItem(story(), item('Pakistan carries out strikes', 'The army said it struck militant hideouts on Thursday.', 'en', '2024-01-18T10:00:00Z'));
    expect(m.reasons.join(' · ')).not.toMatch(/one-sided/);
    expect(m.matched).toBe(false);
  });
});

describe('people in office', () => {
  it('an undated call between ministers who took office after the story is another period (real dev item, ur)', () => {
    const m = matchItem(story(), asInput(devItem('ip-d727317977')));
    expect(m.reasons.join(' · ')).toMatch(/out of office in the story's period: .*Ishaq Dar \(foreign minister\), in office 2024-03-11…/);
    expect(m.matched).toBe(false);
  });

  it("the story's own ministers are not penalised, and a dated item is judged by its date", () => {
    const inTerm = matchItem(story(), item('Iran and Pakistan agree to return ambassadors', 'Amir-Abdollahian and Jilani spoke by phone.', 'en'));
    expect(inTerm.reasons.join(' · ')).not.toMatch(/out of office/);
    expect(inTerm.matched).toBe(true);
    const before = item('Iran and Pakistan agree to return ambassadors', 'Javad Zarif and Mahmood Qureshi spoke by phone.', 'en');
    const undated = matchItem(story(), before);
    expect(undated.reasons).toContain(
      "out of office in the story's period: Mohammad Javad Zarif (foreign minister), in office 2013-08-15…2021-08-25; Shah Mahmood Qureshi (foreign minister), in office 2018-08-20…2022-04-10",
    );
    // −0.3 for the ministers out of office, and Jilani's caretaker term no longer ties the item to the story (−0.1).
    expect(inTerm.reasons.join(' · ')).toMatch(/story entity: Jalil Abbas Jilani \(foreign minister\), in office only/);
    expect(undated.score).toBeCloseTo(inTerm.score - 0.4, 3);
    const dated = matchItem(story(), { ...before, published: new Date('2024-01-20T10:00:00Z') });
    expect(dated.reasons.join(' · ')).not.toMatch(/out of office/);
  });

  it('terms are validated and compared with the window', () => {
    const base = storySchema.parse({ ...story().config });
    const entity = { id: 'minister', label: 'A minister', kind: 'person', side: 'iran', names: { en: ['Minister Example'] } };
    expect(
      storySchema.safeParse({ ...base, entities: [...base.entities, { ...entity, from: '2024-02-01', to: '2023-01-01' }] }).error?.issues[0]?.message,
    ).toBe('to must not be before from');
    const compiled = compileStory(
      storySchema.parse({
        ...base,
        entities: [...base.entities, { ...entity, id: 'later', from: '2024-03-01' }, { ...entity, id: 'during', to: '2024-01-20' }],
      }),
    );
    expect(compiled.outOfPeriod.has('later')).toBe(true);
    expect(compiled.outOfPeriod.has('during')).toBe(false);
    expect(compiled.outOfPeriod.has('amir-abdollahian')).toBe(false);
    expect(compiled.outOfPeriod.has('araghchi')).toBe(true);
  });
});

describe("a short term of office names the story's period", () => {
  it('a caretaker prime minister named in an undated item ties it to the story (real dev item, ru: Kakar cuts short Davos)', () => {
    const l = devItem('ip-f808ba5b8b');
    expect(l.label).toBe('in_cluster');
    const m = matchItem(story(), asInput(l));
    expect(m.reasons.join(' · ')).toMatch(/story entity: Anwaar-ul-Haq Kakar \(caretaker prime minister\), in office only 2023-08-14…2024-03-04/);
    expect(m.matched).toBe(true);
  });

  it('only a whole term of a year at most that meets the window counts', () => {
    const base = storySchema.parse({ ...story().config });
    const entity = { id: 'minister', label: 'A minister', kind: 'person', side: 'iran', names: { en: ['Minister Example'] } };
    const compiled = compileStory(
      storySchema.parse({
        ...base,
        entities: [
          ...base.entities,
          { ...entity, id: 'caretaker', from: '2023-12-01', to: '2024-05-01' },
          { ...entity, id: 'long', from: '2021-01-01', to: '2025-01-01' },
          { ...entity, id: 'open', from: '2024-01-01' },
          { ...entity, id: 'before', from: '2023-01-01', to: '2023-06-01' },
        ],
      }),
    );
    expect([...compiled.periodTerms.keys()].filter((id) => ['caretaker', 'long', 'open', 'before'].includes(id))).toEqual(['caretaker']);
    expect(compiled.periodTerms.has('kakar')).toBe(true);
    expect(compiled.periodTerms.has('amir-abdollahian')).toBe(false);
  });
});

describe('a live story has no fixed end', () => {
  it('after the window a follow-up that refers to a day of the story matches (real dev item, zh, page date 2024-04-26)', () => {
    const l = devItem('ip-8fa5033c89');
    const m = matchItem(story(), asInput(l));
    expect(m.reasons).toContain("follow-up after the story's period (2024-04-26): refers to 1月26日");
    expect(m.matched).toBe(true);
  });

  it('the same actors later, without a tie back, do not (real dev item: ministers meet in 2025)', () => {
    const m = matchItem(story(), asInput(devItem('ip-b213f2f288')));
    expect(m.reasons.join(' · ')).toMatch(/after the story's period \(2025-07-04\), no tie back/);
    expect(m.matched).toBe(false);
  });

  it('a day of the story recalled on its anniversary is no tie back (real dev item, ru: 19 September 2023, written on 19 September 2025)', () => {
    const karabakh = bundledStory('nagorno-karabakh-2023');
    const l = devItem('nk-4265b5dcb4', 'nagorno-karabakh-2023');
    expect(l.label).toBe('near_miss');
    const m = matchItem(karabakh, { ...asInput(l), link: l.source_url ?? null });
    const reasons = m.reasons.join(' · ');
    expect(reasons).toMatch(/after the story's period \(2025-09-19[^)]*\)?\)?, no tie back/);
    expect(reasons).not.toMatch(/follow-up after/);
    expect(m.matched).toBe(false);
  });

  it('the operation\'s own name stands for the side it targeted (real dev item, az: "lokal antiterror tədbirləri")', () => {
    const l = devItem('nk-42902f5c5e', 'nagorno-karabakh-2023');
    expect(l.label).toBe('in_cluster');
    const m = matchItem(bundledStory('nagorno-karabakh-2023'), asInput(l));
    expect(m.reasons.join(' · ')).toMatch(/Armenia and the Karabakh Armenians \((title|lead): the "local anti-terrorist measures"/);
    expect(m.matched).toBe(true);
  });

  it('naming the operation reports the offensive itself (`reports`; real dev item, de: "startete „Maßnahmen zur Terrorismusbekämpfung lokaler Natur“ am Dienstag")', () => {
    const l = devItem('nk-b695136fda', 'nagorno-karabakh-2023');
    expect(l.label).toBe('in_cluster');
    const m = matchItem(bundledStory('nagorno-karabakh-2023'), asInput(l));
    expect(m.reasons).toContain('event: military strike');
    expect(m.matched).toBe(true);
  });

  it('a kind of development only this story has ties a later item back (real dev items: the dissolution decree in force, Jan 2024)', () => {
    const karabakh = bundledStory('nagorno-karabakh-2023');
    // As `eval` reads a corpus line: its source URL is the item's link, and the link's date dates it.
    const withLink = (l: CorpusLine): MatchInput => ({ ...asInput(l), link: l.source_url ?? null });
    const decree = matchItem(karabakh, withLink(devItem('nk-e205277c24', 'nagorno-karabakh-2023')));
    expect(decree.reasons).toContain(
      "follow-up after the story's period (2024-01-04 (its link is dated 2024/01/04)): refers to dissolution (a kind of this story's own)",
    );
    expect(decree.matched).toBe(true);
    // The same leader named a year on, with the exodus only in the body: no tie back.
    const anniversary = matchItem(karabakh, withLink(devItem('nk-76c617e056', 'nagorno-karabakh-2023')));
    expect(anniversary.reasons.join(' · ')).toMatch(/no tie back/);
    expect(anniversary.matched).toBe(false);
  });

  it('without window.to, items match until a quiet period, then only follow-ups that tie back to the timeline', () => {
    const open = compileStory(storySchema.parse({ ...story().config, window: { from: '2024-01-14' } }));
    const context = { developmentDays: ['2024-01-16', '2024-01-18', '2024-01-29'] };
    const talks = (published: string, text: string) => matchItem(open, item('Iran and Pakistan hold talks', text, 'en', published), context);
    expect(talks('2024-02-10T09:00:00Z', 'The ministers met in Islamabad.').matched).toBe(true);
    const later = talks('2024-06-10T09:00:00Z', 'The ministers met in Islamabad.');
    expect(later.matched).toBe(false);
    expect(later.reasons.join(' · ')).toMatch(/no tie back/);
    const tied = talks('2024-06-10T09:00:00Z', 'The ministers recalled the January 18 strikes.');
    expect(tied.reasons).toContain("follow-up after the story's period (2024-06-10): refers to January 18");
    expect(tied.matched).toBe(true);
    // Without a timeline an open story has no quiet period yet.
    expect(matchItem(open, item('Iran and Pakistan hold talks', 'The ministers met.', 'en', '2024-06-10T09:00:00Z')).matched).toBe(true);
  });
});

describe('story state', () => {
  const config = { window: { from: '2024-01-14' }, quietAfterDays: 14 };
  const timeline = [{ date: '2024-01-16' }, { date: '2024-01-29' }];
  it('is active up to quietAfterDays after the last development, then quiet since it', () => {
    expect(describeState(storyState(config, timeline, new Date('2024-02-12T12:00:00Z')))).toBe('active (last development 2024-01-29)');
    expect(describeState(storyState(config, timeline, new Date('2024-02-13T00:00:00Z')))).toBe('quiet since 2024-01-29');
    expect(describeState(storyState(config, [], new Date('2024-02-13T00:00:00Z')))).toBe('no development yet');
  });
  it('is quiet once a closed window has ended', () => {
    expect(storyState({ ...config, window: { from: '2024-01-14', to: '2024-02-01' } }, timeline, new Date('2024-02-02T00:00:00Z'))).toEqual({
      state: 'quiet',
      since: '2024-01-29',
    });
  });
});

describe('a near miss named beside the story', () => {
  it("costs less in a headline that names both sides and a core kind: the week's other strikes listed with this one (real dev item, fr)", () => {
    const m = matchItem(story(), asInput(devItem('ip-d9610e8c2e')));
    expect(m.reasons.join(' · ')).toMatch(/near miss: .*Erbil.*\(title, beside both sides and a core kind\)/);
    expect(m.matched).toBe(true);
  });

  it('costs less in the lead under a headline that names both sides and a core kind (real dev item, ta: the strikes in Iraq and Syria recalled)', () => {
    const m = matchItem(story(), asInput(devItem('ip-a8c7790096')));
    expect(m.reasons.join(' · ')).toMatch(/near miss: .*Erbil.*\(lead, beside both sides and a core kind\)/);
    expect(m.matched).toBe(true);
  });

  it('costs its full weight in the lead when it is another business of the two sides, not another country (real dev hard near miss, tr: a border post attacked)', () => {
    const l = devItem('ip-4dcbf06ad4');
    expect(l).toMatchObject({ label: 'near_miss', hard: true });
    const m = matchItem(story(), asInput(l));
    expect(m.reasons.join(' · ')).toMatch(/near miss: border-guard incidents .*\(lead\)/);
    expect(m.matched).toBe(false);
  });

  it('costs its full weight when the headline names it without a core kind of the story', () => {
    const m = matchItem(story(), item('Iran and Pakistan comment on Erbil', '', 'en'));
    const reasons = m.reasons.join(' · ');
    expect(reasons).toMatch(/near miss: .*Erbil.* \(title\)/);
    expect(reasons).not.toMatch(/beside both sides/);
  });
});

describe('page chrome before the lead', () => {
  it('an image path before the text does not use up the lead (real dev item, hi)', () => {
    for (const id of ['ip-b375e0afc0']) {
      const l = devItem(id);
      expect(l.title ?? '').toBe('');
      const m = matchItem(story(), asInput(l));
      expect(m.reasons[0], id).toMatch(/Iran \(lead: .*Pakistan \(lead: /);
      expect(m.matched, id).toBe(true);
    }
  });

  it('a lead sentence that names no side, no kind and no near miss was chrome too: it gives its place to the next that does', () => {
    const m = matchItem(story(), item('', 'Alfonso Espinosa. Key points. Markets were calm. Traders waited. Iran struck Pakistan on Tuesday.', 'en'));
    expect(m.reasons[0]).toMatch(/Iran \(lead: .*Pakistan \(lead: /);
    // Lead sentences that speak of the story keep their places: a later sentence is still the body.
    const kept = matchItem(
      story(),
      item('', "Iran's currency fell sharply on the open market. Tehran's traders waited for the central bank to act. Pakistan struck Iran on Thursday.", 'en'),
    );
    expect(kept.reasons[0]).toMatch(/Iran \(lead: .*Pakistan \(body: /);
  });

  it('a QR-code prompt before the lead gives its place to the sentence that dates the item (real dev item, zh: a visit of 22 April)', () => {
    const m = matchItem(story(), asInput(devItem('ip-57972e05a6')));
    expect(m.reasons.join(' · ')).toMatch(/mentions dates outside the window: .*4月22日/);
    expect(m.matched).toBe(false);
  });

  it('a machine-translation notice standing in for the headline is passed over (real dev item, es, Fox News)', () => {
    const l = devItem('ip-7e43ce23e9');
    expect(l.summary.startsWith('Este sitio web fue traducido automáticamente.')).toBe(true);
    const m = matchItem(story(), asInput(l));
    expect(m.reasons[0]).toMatch(/Iran \(lead: .*Pakistan \(lead: /);
    expect(m.matched).toBe(true);
  });
});

describe('days written in an undated item', () => {
  it('a day of the lead-up just before the window is no counter-evidence (real dev item, zh: "1月3日", the Kerman bombing)', () => {
    const l = devItem('ip-43b8bc35dc');
    expect(l.label).toBe('in_cluster');
    const m = matchItem(story(), asInput(l));
    expect(m.reasons.join(' · ')).not.toMatch(/mentions dates outside the window/);
    expect(m.matched).toBe(true);
  });

  it('a day months away still says another period (real dev item, zh: "4月22日", a visit in April)', () => {
    const l = devItem('ip-57972e05a6');
    expect(l.label).toBe('near_miss');
    const m = matchItem(story(), asInput(l));
    expect(m.reasons.join(' · ')).toMatch(/mentions dates outside the window: 4月22日/);
    expect(m.matched).toBe(false);
  });
});

describe('a dateline dates an undated item', () => {
  it('"WASHINGTON, January 19." under the lead places the item in the window (real dev item, en, TASS)', () => {
    const l = devItem('ip-7eac81f4b2');
    const m = matchItem(story(), asInput(l));
    expect(m.reasons).toContain('mentions a day of the window: January 19');
    expect(m.matched).toBe(true);
    expect(datelineDay(story(), m.analysis)?.toISOString().slice(0, 10)).toBe('2024-01-19');
  });

  it('a day inside a sentence of prose is no dateline', () => {
    const m = matchItem(story(), item('Iran and Pakistan', 'Officials said the strikes on January 16 hit two villages near the border.', 'en'));
    expect(datelineDates(m.analysis)).toEqual([]);
    expect(datelineDay(story(), m.analysis)).toBeNull();
  });
});
