import { describe, expect, it } from 'vitest';
import { countryNames } from '../src/pipeline/match/country-names.js';
import { PhraseIndex } from '../src/pipeline/match/phrase-index.js';
import { foldText } from '../src/core/text/fold.js';

function found(phrases: Record<string, string[]>, text: string): string[] {
  const index = new PhraseIndex<string>();
  for (const [id, list] of Object.entries(phrases)) for (const p of list) index.add(p, id);
  return index.find(foldText(text)).map((h) => h.payload);
}

describe('foldText', () => {
  it('folds case, Latin accents, Vietnamese tones, Turkish dotless i and Arabic-script variants', () => {
    expect(foldText('Pakistán İSLAMABAD Đà Nẵng thứ Ba')).toBe('pakistan islamabad da nang thu ba');
    expect(foldText('Irak’ın')).toBe('irak in');
    expect(foldText('پاکستان')).toBe(foldText('باكستان').replace('ب', 'پ'));
    expect(foldText('إيران')).toBe(foldText('ايران'));
    expect(foldText('۱۴۰۲ و ٢٠٢٤')).toBe('1402 و 2024');
  });
});

describe('PhraseIndex', () => {
  it('matches at word starts with inflections, not inside words', () => {
    const names = { pk: ['Pakistan'], ir: ['Iran'] };
    expect(found(names, "Pakistani jets struck Iran's Sistan province")).toEqual(['pk', 'ir']);
    expect(found(names, 'Удары Пакистана по Ирану')).toEqual([]);
    expect(found({ pk: ['Пакистан'], ir: ['Иран'] }, 'Удары Пакистана по Ирану')).toEqual(['pk', 'ir']);
    expect(found(names, 'The Tehran-based outlet quoted a Kurdish source')).toEqual([]);
    expect(found({ x: ['Iran'] }, 'Tiranë is the capital of Albania')).toEqual([]);
  });

  it('matches multi-word phrases word by word, across hyphens and apostrophes', () => {
    const names = { ab: ['Amir-Abdollahian'], sb: ['Sistan and Baluchestan'] };
    expect(found(names, 'Amir Abdollahian arrived; Sistan-and-Baluchestan province')).toEqual(['ab', 'sb']);
    expect(found(names, 'Amir met Abdollahian')).toEqual([]);
  });

  it('strips Arabic proclitics (و، ب، ل، ال) before comparing', () => {
    const names = { pk: ['باكستان'], ir: ['إيران'] };
    expect(found(names, 'وباكستان تستدعي سفيرها من الإيرانية ولإيران')).toEqual(['pk', 'ir', 'ir']);
  });

  it('matches Chinese and Japanese phrases anywhere, and refuses single characters', () => {
    const index = new PhraseIndex<string>();
    expect(index.add('巴', 'bad')).toBe(false);
    expect(index.add('ir', 'bad')).toBe(false);
    expect(found({ pk: ['巴基斯坦', '巴方'], ir: ['伊朗'] }, '巴基斯坦外交部称，伊朗袭击了巴境内目标；巴方召回大使')).toEqual(['pk', 'ir', 'pk']);
    expect(found({ pk: ['巴基斯坦'] }, '巴勒斯坦和巴西')).toEqual([]);
    expect(found({ ir: ['イラン'] }, 'イランとパキスタン')).toEqual(['ir']);
  });

  it('finds a Chinese phrase with digits inside a run of Han and digits (real dev headline, ip-a1bc10a65c)', () => {
    const phrases = { gunmen: ['9名巴基斯坦', '九名巴基斯坦'], pk: ['巴基斯坦'], ir: ['伊朗'] };
    expect(found(phrases, '伊朗东南部袭击事件致9名巴基斯坦人死亡')).toEqual(['ir', 'gunmen']);
    expect(found(phrases, '2024年1月伊朗与巴基斯坦')).toEqual(['ir', 'pk']);
  });
});

describe('countryNames', () => {
  it('gives names in many scripts from ICU and i18n-iso-countries', () => {
    const names = countryNames('PK').map((n) => n.name);
    for (const name of ['Pakistan', 'باكستان', 'پاکستان', '巴基斯坦', 'Пакистан', 'पाकिस्तान', 'パキスタン', '파키스탄', 'Paquistão']) {
      expect(names).toContain(name);
    }
    expect(countryNames('IR').map((n) => n.name)).toEqual(expect.arrayContaining(['Iran', 'ایران', 'إيران', '伊朗', 'Cộng hòa Hồi giáo Iran']));
  });

  it('makes a name that begins the name of another country match only as a whole word', () => {
    expect(countryNames('IR').find((n) => n.name === 'Irã')).toEqual({ name: 'Irã', whole: true });
    expect(countryNames('IR').find((n) => n.name === 'Iran')).toEqual({ name: 'Iran', whole: false });
    const index = new PhraseIndex<string>();
    index.add('Irã', 'ir', true);
    expect(index.find(foldText('Irã e Iraque')).map((h) => h.payload)).toEqual(['ir']);
  });
});

describe('PhraseIndex overlaps', () => {
  it('keeps the longest of nested phrases', () => {
    const names = { ir: ['Sistan-Baluchistan', 'Islamic Republic', '锡斯坦-俾路支省'], pk: ['Baluchistan', 'Islamic Republic of Pakistan', '俾路支省'] };
    expect(found(names, 'in Sistan-Baluchistan province')).toEqual(['ir']);
    expect(found(names, 'the Islamic Republic of Pakistan and Baluchistan')).toEqual(['pk', 'pk']);
    expect(found(names, '伊朗锡斯坦-俾路支省和巴基斯坦俾路支省')).toEqual(['ir', 'pk']);
  });
});
