import { describe, expect, it } from 'vitest';
import { matchItem } from '../src/pipeline/match/match-item.js';
import { devItem } from './helpers/corpus.js';
import { bundledStory } from './helpers/stories.js';

/**
 * Languages whose cue words live only in config/taxonomy/base.yml (issue 12: "a story in new
 * languages needs config only"): real dev items in Bengali, Telugu, Tamil, Malayalam, Marathi,
 * Ukrainian, Polish and Uzbek, which matched no event cue before those lines were added.
 */

const judge = (id: string) => {
  const l = devItem(id);
  return {
    line: l,
    match: matchItem(bundledStory('iran-pakistan-2024'), {
      title: l.title ?? '',
      text: l.summary,
      lang: l.lang,
      published: l.published === null ? null : new Date(l.published),
    }),
  };
};

describe('cue words in languages added by configuration only', () => {
  const cases: [string, string, RegExp][] = [
    ['ip-81676f8aa0', 'bn', /military strike/],
    ['ip-59ffeec3d7', 'te', /military strike/],
    ['ip-a8c7790096', 'ta', /military strike/],
    ['ip-41d05e6598', 'ml', /military strike/],
    ['ip-8353dde3c9', 'mr', /diplomatic protest/],
    ['ip-7e967d44fd', 'uk', /diplomatic protest/],
    ['ip-41136d9a7d', 'pl', /military strike|casualties/],
    ['ip-e6959c8d3e', 'uz', /military strike/],
  ];
  for (const [id, lang, kind] of cases) {
    it(`finds the development kind of a real ${lang} item (${id}) and matches it`, () => {
      const { line, match } = judge(id);
      expect(line.lang).toBe(lang);
      expect(line.label).toBe('in_cluster');
      const reasons = match.reasons.join(' · ');
      expect(reasons).not.toMatch(/no event cue/);
      expect(reasons).toMatch(kind);
      expect(match.matched, reasons).toBe(true);
    });
  }
});

describe('cue words of the European, Malay and Thai lines (made-up headlines)', () => {
  const cases: [string, string, RegExp][] = [
    ['nl', 'Pakistan roept ambassadeur terug uit Iran en ontbiedt Iraanse zaakgelastigde', /diplomatic protest/],
    ['sr', 'Иран извео ваздушне нападе на Пакистан, ракете и дронови', /military strike/],
    ['bs', 'Pakistan opozvao ambasadora iz Irana', /diplomatic protest/],
    ['sl', 'Pakistan je odpoklical veleposlanika iz Irana', /diplomatic protest/],
    ['cs', 'Írán provedl letecké údery na Pákistán, použil rakety a drony', /military strike/],
    ['sk', 'Irán a Pakistan sa dohodli na zmiernení napätia', /de-escalation/],
    ['hu', 'Irán és Pakisztán külügyminiszterei telefonon tárgyaltak', /talks/],
    ['el', 'Το Πακιστάν ανακάλεσε τον πρέσβη του από το Ιράν', /diplomatic protest/],
    ['bg', 'Иран нанесе въздушни удари по Пакистан с ракети и дронове', /military strike/],
    ['sv', 'Pakistan kallar hem sin ambassadör från Iran', /diplomatic protest/],
    ['da', 'Iran gennemførte luftangreb mod Pakistan med missiler og droner', /military strike/],
    ['nb', 'Iran gjennomførte luftangrep mot Pakistan med raketter og droner', /military strike/],
    ['no', 'Sju drept og ti skadet i Irans angrep på Pakistan', /casualties/],
    ['fi', 'Pakistan kutsui suurlähettiläänsä kotiin Iranista', /diplomatic protest/],
    ['ca', "El Pakistan crida a consultes el seu ambaixador a l'Iran", /diplomatic protest/],
    ['ms', 'Pakistan memanggil pulang duta besarnya dari Iran', /diplomatic protest/],
    ['th', 'อิหร่านโจมตีทางอากาศในปากีสถานด้วยขีปนาวุธและโดรน', /military strike/],
  ];
  for (const [lang, title, kind] of cases) {
    it(`reads the kind of a ${lang} headline in its own cue words`, () => {
      const m = matchItem(bundledStory('iran-pakistan-2024'), { title, text: '', lang, published: null });
      const reasons = m.reasons.join(' · ');
      expect(reasons).not.toMatch(/no cue words|no event cue/);
      expect(reasons).toMatch(kind);
    });
  }

  it('does not read words that only begin like a cue (el "σύμφωνα με", bg "срещу", cs "předvolební", fi "jännittävä")', () => {
    const story = bundledStory('iran-pakistan-2024');
    for (const [lang, title] of [
      ['el', 'Σύμφωνα με το Ιράν, το Πακιστάν εντάσσεται στο πρόγραμμα'],
      ['bg', 'Иран срещу Пакистан: ранен етап на турнира'],
      ['cs', 'Předvolební kampaň v Íránu a Pákistánu'],
      ['fi', 'Iranin ja Pakistanin jännittävä ottelu oli sopiva'],
    ] as const) {
      const reasons = matchItem(story, { title, text: '', lang, published: null }).reasons.join(' · ');
      expect(reasons, lang).toMatch(/no event cue/);
    }
  });
});

describe('story names that must match whole words ("$")', () => {
  it('reads Hindi "पाक" as Pakistan in a headline (real dev item)', () => {
    const { match } = judge('ip-808e2749ee');
    expect(match.reasons.join(' · ')).toMatch(/Pakistan \(title: Pakistan/);
    expect(match.matched).toBe(true);
  });

  it('does not read a word that only begins with it ("पाकशास्त्र", cookery) as Pakistan', () => {
    const m = matchItem(bundledStory('iran-pakistan-2024'), { title: 'ईरान में पाकशास्त्र उत्सव', text: '', lang: 'hi', published: null });
    expect(m.reasons.join(' · ')).toMatch(/Pakistan \(absent\)/);
  });
});
