import { describe, expect, it } from 'vitest';
import { mentionedDates } from '../src/pipeline/dates/mentioned-dates.js';

/** Publication of the zh seed: Friday 19 January 2024. */
const FRIDAY = new Date('2024-01-19T21:23:59Z');
const dates = (text: string, lang: string, ref: Date | null = FRIDAY) => mentionedDates(text, lang, ref).map((m) => m.date);

describe('mentionedDates resolves written dates against the publication date', () => {
  const cases: [string, string, string[]][] = [
    ['en', 'Iran struck on Tuesday; Pakistan hit back on Thursday, January 18.', ['2024-01-16', '2024-01-18']],
    ['en', 'Officials met yesterday and again last night.', ['2024-01-18', '2024-01-18']],
    ['vi', 'Iran không kích hôm 16/1, Pakistan đáp trả vào thứ Năm và thứ 3.', ['2024-01-16', '2024-01-18', '2024-01-16']],
    ['zh', '伊朗周二发动空袭，巴基斯坦1月18日回击，昨天双方通话。', ['2024-01-16', '2024-01-18', '2024-01-18']],
    ['ar', 'شنت إيران ضربات يوم الثلاثاء ١٦ يناير، وردت باكستان الخميس.', ['2024-01-16', '2024-01-18']],
    ['fa', 'سپاه روز سه‌شنبه ۲۶ دی حمله کرد و پاکستان ۱۸ ژانویه پاسخ داد.', ['2024-01-16', '2024-01-16', '2024-01-18']],
    ['ur', 'ایران نے منگل کو حملہ کیا اور پاکستان نے 18 جنوری کو جواب دیا۔', ['2024-01-16', '2024-01-18']],
    ['tr', "İran salı günü saldırdı, Pakistan 18 Ocak'ta karşılık verdi; dün görüştüler.", ['2024-01-16', '2024-01-18', '2024-01-18']],
    ['hi', 'ईरान ने मंगलवार को हमला किया और पाकिस्तान ने 18 जनवरी को जवाब दिया।', ['2024-01-16', '2024-01-18']],
    ['ru', 'Иран нанёс удар во вторник, Пакистан ответил 18 января.', ['2024-01-16', '2024-01-18']],
    ['fr', "L'Iran a frappé mardi, le Pakistan a riposté le 18 janvier.", ['2024-01-16', '2024-01-18']],
    ['es', 'Irán atacó el martes y Pakistán respondió el 18 de enero.', ['2024-01-16', '2024-01-18']],
    ['de', 'Iran griff am Dienstag an, Pakistan schlug am 18. Januar zurück.', ['2024-01-16', '2024-01-18']],
    ['pt', 'O Irã atacou na terça-feira (16) e o Paquistão respondeu em 18 de janeiro.', ['2024-01-16', '2024-01-18']],
    ['id', 'Iran menyerang pada Selasa (16/1/2024), Pakistan membalas 18 Januari.', ['2024-01-16', '2024-01-16', '2024-01-18']],
    ['ko', '이란은 화요일 공습했고 파키스탄은 1월 18일 반격했다.', ['2024-01-16', '2024-01-18']],
  ];
  for (const [lang, text, expected] of cases) {
    it(`reads ${lang}: ${text.slice(0, 40)}…`, () => {
      expect(dates(text, lang)).toEqual(expected);
    });
  }

  it('puts a weekday on or before the publication day, never after', () => {
    expect(dates('Pakistan said on Saturday', 'en')).toEqual(['2024-01-13']);
    expect(dates('on Friday', 'en')).toEqual(['2024-01-19']);
    expect(dates('周六', 'zh')).toEqual(['2024-01-13']);
  });

  it('reads a day of the month written alone in Japanese, Chinese and Korean, never a count of days', () => {
    // Leads of dev items, published 19 January (ja, zh) and 18 January (ko).
    expect(dates('パキスタンが18日(現地時間)、イラン領土内の武装団体の拠点を空襲した。2日前にイランがパキスタン内の武装組織を空襲した', 'ja')).toEqual([
      '2024-01-18',
    ]);
    expect(dates('巴基斯坦18日向伊朗發動報復性襲擊,造成包括4名孩童在內至少9死', 'zh')).toEqual(['2024-01-18']);
    expect(dates('18일(현지시간) 파키스탄이 이란에 공격당한 지 이틀 만에 보복 공습을 감행한 가운데', 'ko', new Date('2024-01-18T00:00:00Z'))).toEqual([
      '2024-01-18',
    ]);
    // A day after the publication day is still this month (time zones); a later one is last month's.
    expect(dates('20日', 'ja')).toEqual(['2024-01-20']);
    expect(dates('停戦は28日', 'ja')).toEqual(['2023-12-28']);
    expect(dates('停火18日間、3일째', 'ja')).toEqual([]);
    expect(mentionedDates('巴基斯坦18日', 'zh', null)[0]).toMatchObject({ kind: 'explicit', date: null, month: null, day: 18 });
  });

  it('reads month names as they are written beside a day where ICU inflects them (Armenian, Polish)', () => {
    const october16 = new Date('2023-10-16T00:00:00Z');
    // A dev item's lead: "Սեպտեմբերի 19-ի ադրբեջանական ագրեսիայի հետևանքով" (after the aggression of 19 September).
    expect(dates('Սեպտեմբերի 19-ի ադրբեջանական ագրեսիայի հետևանքով', 'hy', october16)).toEqual(['2023-09-19']);
    expect(dates('Azerbejdżan rozpoczął operację 19 września', 'pl', october16)).toEqual(['2023-09-19']);
  });

  it('reads a month name with the case ending it takes before its day (Azerbaijani), not a month and a count', () => {
    const october16 = new Date('2023-10-16T00:00:00Z');
    // A dev item's lead (AZERTAC copy, nk-ef195864e2): "President Ilham Aliyev on 15 October in Khojavend …".
    expect(dates('Azərbaycan Respublikasının Prezidenti İlham Əliyev oktyabrın 15-də Xocavənd şəhərində', 'az', october16)).toEqual(['2023-10-15']);
    expect(dates('sentyabrın 19-da', 'az', october16)).toEqual(['2023-09-19']);
    // A month followed by another word and a number is no date ("in October, 15 people").
    expect(dates('Ekim ayında 15 kişi', 'tr', october16)).toEqual([]);
  });

  it('puts a day without a year in the latest year that is not after publication', () => {
    expect(dates('the meeting of 28 December', 'en')).toEqual(['2023-12-28']);
  });

  it('keeps month and day but no resolved date when there is no publication date', () => {
    const [m] = mentionedDates('يوم الاثنين 22 أبريل', 'ar', null);
    expect(m).toMatchObject({ kind: 'explicit', date: null, month: 4, day: 22, year: null });
    expect(mentionedDates('on 22 April 2024', 'en', null)[0]).toMatchObject({ date: '2024-04-22', year: 2024 });
    expect(mentionedDates('Tuesday', 'en', null)[0]).toMatchObject({ kind: 'weekday', date: null });
  });
});
