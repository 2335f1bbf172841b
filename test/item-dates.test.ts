import { describe, expect, it } from 'vitest';
import { linkDate, linkDay } from '../src/pipeline/dates/link-date.js';
import { extractCandidates } from '../src/pipeline/detect/extract.js';
import { matchItem, type MatchInput } from '../src/pipeline/match/match-item.js';
import { devItem, type CorpusLine } from './helpers/corpus.js';
import { bundledStory } from './helpers/stories.js';

const asInput = (l: CorpusLine, link: string | null = l.source_url ?? null): MatchInput => ({
  title: l.title ?? '',
  text: l.summary,
  lang: l.lang,
  published: l.published === null ? null : new Date(l.published),
  link,
});
const day = (link: string) => {
  const d = linkDate(link);
  return d === null ? null : [d.year, d.month, d.day];
};

describe('the date in a link (real addresses of the corpus)', () => {
  it('reads a day written with separators, mixed separators or as digits alone', () => {
    expect(day('https://nocheinparteibuch.wordpress.com/2016/04/05/waffenruhe-in-berg-karabach/')).toEqual([2016, 4, 5]);
    expect(day('http://big5.news.cn/gate/big5/news.xinhuanet.com/world/2016-04/06/c_128866683.htm')).toEqual([2016, 4, 6]);
    expect(day('https://www.lefigaro.fr/international/apres-l-irak-et-la-syrie-l-iran-frappe-au-pakistan-20240117')).toEqual([2024, 1, 17]);
    expect(day('https://donga.com/news/amp/all/20240118/123114639/1')).toEqual([2024, 1, 18]);
  });

  it('reads a day followed by the time, and a month without its day', () => {
    expect(day('https://d1y0ruayo3dv34.cloudfront.net/en/202206142136')).toEqual([2022, 6, 14]);
    expect(day('https://thediplomat.com/2021/04/whats-going-on-at-the-iran-pakistan-border/')).toEqual([2021, 4, null]);
  });

  it('reads no date in article numbers, the host, or an address that is not one', () => {
    expect(linkDate('https://ur.mehrnews.com/amp/1922122')).toBeNull();
    expect(linkDate('https://en.trend.az/azerbaijan/politics/3812055.html')).toBeNull();
    expect(linkDate('https://noticias360.mx/ataque-de-pakistan-a-escondites-terroristas-en-iran/')).toBeNull();
    expect(linkDate('https://www.2024-01-17.example/news')).toBeNull();
    expect(linkDate('not a link')).toBeNull();
    expect(linkDate(null)).toBeNull();
  });
});

describe('detection dates an undated item by its link', () => {
  it("linkDay is the link's day at midnight UTC, or null for a month alone or none", () => {
    expect(linkDay('https://1lurer.am/hy/2023/10/16/7/1014333')?.toISOString()).toBe('2023-10-16T00:00:00.000Z');
    expect(linkDay('https://thediplomat.com/2021/04/whats-going-on-at-the-iran-pakistan-border/')).toBeNull();
    expect(linkDay(null)).toBeNull();
  });

  it("a headline of an undated item takes its link's day; a day written more than a week before it is a recap's (real dev items)", () => {
    const story = bundledStory('nagorno-karabakh-2023');
    const candidates = (id: string) => {
      const l = devItem(id, 'nagorno-karabakh-2023');
      const input = asInput(l);
      return extractCandidates(matchItem(story, input).analysis, linkDay(input.link ?? null)).filter((c) => c.kind === 'displacement');
    };
    // "Gas Depot Explosion in Stepanakert Leaves Hundreds Wounded", no date but its address, /2023/09/25/.
    const l = devItem('nk-dc11ae07c7', 'nagorno-karabakh-2023');
    const depot = extractCandidates(matchItem(story, asInput(l)).analysis, linkDay(l.source_url)).filter((c) => c.kind === 'explosion');
    expect(depot.map((c) => [c.zone, c.date, c.dateSource, c.creates])).toContainEqual(['title', '2023-09-25', 'published', true]);
    expect(extractCandidates(matchItem(story, asInput(l)).analysis, null).filter((c) => c.kind === 'explosion' && c.creates)).toEqual([]);
    // "Սեպտեմբերի 19-ի ադրբեջանական ագրեսիայի հետևանքով … լքած" (left after the aggression of 19 September),
    // a report dated 16 October: the exodus is recalled, it starts nothing weeks later.
    const recap = candidates('nk-fab2227a25');
    expect(recap.length).toBeGreaterThan(0);
    expect(recap.map((c) => [c.date, c.creates])).toEqual(recap.map(() => ['2023-09-19', false]));
  });
});

describe('an undated item is placed by its link and by the days it writes', () => {
  it('a link of another year keeps an undated item out (real dev near miss: the 2016 Karabakh ceasefire)', () => {
    const l = devItem('nk-7e516875f5', 'nagorno-karabakh-2023');
    expect(l.label).toBe('near_miss');
    expect(matchItem(bundledStory('nagorno-karabakh-2023'), asInput(l, null)).matched).toBe(true);
    const m = matchItem(bundledStory('nagorno-karabakh-2023'), asInput(l));
    expect(m.reasons).toContain('outside window: 2016-04-05 not in 2023-09-15…2023-10-31 (its link is dated 2016/04/05)');
    expect(m.matched).toBe(false);
  });

  it('a link dated in the window counts as a publication date there (real dev item)', () => {
    const m = matchItem(bundledStory('nagorno-karabakh-2023'), asInput(devItem('nk-f62088dcf6', 'nagorno-karabakh-2023')));
    expect(m.reasons).toContain('in window (2023-09-26 (its link is dated 2023/09/26))');
  });

  it('a day of the window written in the lead places an undated item (real dev item: the Security Council on 21 September)', () => {
    const l = devItem('nk-58af8326f9', 'nagorno-karabakh-2023');
    expect(l.label).toBe('in_cluster');
    const m = matchItem(bundledStory('nagorno-karabakh-2023'), asInput(l));
    expect(m.reasons).toContain('mentions a day of the window: 21 September');
    expect(m.matched).toBe(true);
  });
});

describe('other years', () => {
  it('a year beside one person is background (real dev item: Vardanyan, appointed in November 2022, detained)', () => {
    const l = devItem('nk-aad5611624', 'nagorno-karabakh-2023');
    expect(l.label).toBe('in_cluster');
    const m = matchItem(bundledStory('nagorno-karabakh-2023'), asInput(l));
    expect(m.reasons.join(' · ')).not.toMatch(/mentions other years/);
    expect(m.matched).toBe(true);
  });

  it('a year in a sentence naming both sides says which period the item is about', () => {
    const m = matchItem(bundledStory('iran-pakistan-2024'), {
      title: 'Iran and Pakistan hold talks on border security',
      text: 'In 2010 Iran and Pakistan signed a security agreement.',
      lang: 'en',
      published: null,
    });
    expect(m.reasons).toContain('mentions other years: 2010');
    expect(m.matched).toBe(false);
  });
});
