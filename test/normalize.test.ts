import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Item, RawItem } from '../src/core/item.js';
import { loadSeedArticles, type SeedArticle } from '../src/demo/seed-articles.js';
import { removeBoilerplate } from '../src/pipeline/normalize/boilerplate.js';
import { htmlToPlainText } from '../src/pipeline/normalize/html-to-text.js';
import { canonicalLink, contentHash } from '../src/pipeline/normalize/item-key.js';
import { detectLanguage } from '../src/pipeline/normalize/language.js';
import { normalizeItem } from '../src/pipeline/normalize/normalize-item.js';
import { parsePublishedDate } from '../src/pipeline/normalize/published-date.js';
import { parseFeed } from '../src/pipeline/parse/parse-feed.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const seeds = loadSeedArticles(path.join(fixtures, 'seeds'));
const FEED = { url: 'http://127.0.0.1:8080/feed.xml' };
const NOW = new Date('2024-02-15T00:00:00Z');

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The seed as one RSS item: title = first non-empty line, content = the file (optionally as <p> paragraphs). */
function seedAsRss(seed: SeedArticle, paragraphs: boolean): Buffer {
  const content =
    paragraphs && !/<[a-z]/i.test(seed.content)
      ? seed.content
          .split('\n')
          .filter((l) => l.trim() !== '')
          .map((l) => `<p>${escapeXml(l)}</p>`)
          .join('\n')
      : seed.content;
  return Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Seeds</title>` +
      `<item><title>${escapeXml(seed.title)}</title><link>http://127.0.0.1:8080/articles/${seed.file}</link>` +
      `<pubDate>${new Date(seed.published).toUTCString()}</pubDate><content:encoded><![CDATA[${content}]]></content:encoded></item>` +
      `</channel></rss>`,
  );
}

async function normalizeSeed(file: string, paragraphs = false): Promise<Item> {
  const seed = seeds.find((s) => s.file.startsWith(file));
  if (!seed) throw new Error(`no seed ${file}`);
  const parsed = await parseFeed(seedAsRss(seed, paragraphs), 'application/rss+xml');
  if (!parsed.ok) throw new Error(parsed.error.message);
  const raw = parsed.value.items[0];
  if (!raw) throw new Error('no item');
  const result = normalizeItem(raw, FEED, NOW);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

function normalized(raw: RawItem, feed: { url: string; language?: string | null } = FEED): Item {
  const result = normalizeItem(raw, feed, NOW);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const occurrences = (haystack: string, needle: string): number => haystack.split(needle).length - 1;

describe('seed articles', () => {
  it('loads the seeds in gold order with derived titles', () => {
    expect(seeds.map((s) => [s.file.slice(0, 3), s.lang])).toEqual([
      ['000', 'vi'],
      ['001', 'en'],
      ['003', 'en'],
      ['004', 'zh'],
      ['002', 'ar'],
    ]);
    expect(seeds[3]?.title).toBe('相互空袭之后，巴基斯坦和伊朗同意缓和局势');
    expect(seeds[1]?.title).toBe('Pakistan, Iran agree to ‘de-escalate’ after air strikes: foreign ministry');
  });

  for (const paragraphs of [false, true]) {
    const variant = paragraphs ? 'as <p> paragraphs' : 'as the raw file';
    describe(variant, () => {
      it('000 (vi): keeps every paragraph, drops the trailing forum crumb', async () => {
        const item = await normalizeSeed('000', paragraphs);
        expect(item).toMatchObject({ lang: 'vi', published: new Date('2024-01-19T12:00:00Z') });
        expect(item.text).toContain('Hôm 18/1, Pakistan đã tiến hành các cuộc không kích trả đũa');
        expect(item.text.endsWith('Cả hai nước đều cáo buộc bên kia chưa làm đủ để chống lại các thách thức an ninh.')).toBe(true);
        expect(item.text).not.toMatch(/Diễn đàn$/);
      });

      it('001 (en): one headline, no date lines, no "Buy now", no cookie banner', async () => {
        const item = await normalizeSeed('001', paragraphs);
        expect(item.lang).toBe('en');
        const all = `${item.title}\n${item.text}`;
        expect(occurrences(all, 'agree to ‘de-escalate’')).toBe(1);
        expect(item.text).not.toContain('Ocak 19, 2024');
        expect(item.text).not.toContain('Buy now');
        expect(item.text).not.toMatch(/çerez|Cookie|KVKK/);
        expect(item.text.startsWith('Pakistan and Iran “agreed to de-escalate” tensions Friday')).toBe(true);
        expect(item.text).toContain('after the Taliban’s return to power there in 2021.');
      });

      it('003 (en): drops the WhatsApp promo and the newsletter tail', async () => {
        const item = await normalizeSeed('003', paragraphs);
        expect(item.lang).toBe('en');
        expect(item.text).not.toMatch(/WhatsApp|Discover more|Subscribe to get|Click here/);
        expect(item.text).not.toMatch(/^Pakistan and Iran Conflicts$/m);
        expect(item.text).toContain('Pakistan and Iran agreed on Friday (January 19) to de-escalate tensions');
        expect(item.text.endsWith('both countries accuse each other of not doing enough to address security challenges.')).toBe(true);
      });

      it('004 (zh): markdown and HTML become clean text', async () => {
        const item = await normalizeSeed('004', paragraphs);
        expect(item).toMatchObject({ lang: 'zh', title: '相互空袭之后，巴基斯坦和伊朗同意缓和局势' });
        for (const junk of ['<br', '<!--', '------', '](', 'https://', 'Fri, 19 Jan 2024', '路透社照片', '<p>', '<div']) {
          expect(item.text).not.toContain(junk);
        }
        expect(item.text).not.toContain('相互空袭之后，巴基斯坦和伊朗同意缓和局势');
        expect(item.text).toContain('巴基斯坦和伊朗周五（1月19日）同意缓和紧张局势并重新建立全面外交关系');
        expect(item.text).toContain('美国已将俾路支解放军列为全球恐怖组织。');
        expect(item.text.split('\n').length).toBeGreaterThan(15);
      });

      it('002 (ar): drops date, byline, credit, tags and the unrelated "read also" tail', async () => {
        const item = await normalizeSeed('002', paragraphs);
        expect(item.lang).toBe('ar');
        for (const junk of ['تاريخ النشر', 'إعداد:', 'المصدر', 'كلمات دلالية', 'إقرأ أيضاً', 'قطر', 'عراقجي', 'بغداد اليوم']) {
          expect(item.text).not.toContain(junk);
        }
        expect(item.text.startsWith('قالت باكستان وإيران، الإثنين')).toBe(true);
        expect(item.text).toContain('مضيفا أن الرئيس الإيراني إبراهيم رئيسي سيزور باكستان قريبا');
        expect(item.text.endsWith('ويفتقران للتطور إلى حد كبير.')).toBe(true);
      });
    });
  }
});

describe('boilerplate rules in other languages', () => {
  const body = 'The city council approved the budget on Monday after a long debate about housing costs and transport.';
  const cases: Array<[string, string]> = [
    ['vi', 'Đọc thêm:'],
    ['vi', 'Xem thêm'],
    ['fr', 'Lire aussi'],
    ['es', 'Lea también:'],
    ['es', 'Leer también'],
    ['pt', 'Leia também'],
    ['de', 'Lesen Sie auch:'],
    ['ru', 'Читайте также:'],
    ['tr', 'İlgili Haberler'],
    ['tr', 'Ayrıca okuyun:'],
    ['fa', 'بیشتر بخوانید:'],
    ['ur', 'مزید پڑھیں'],
    ['hi', 'यह भी पढ़ें'],
    ['id', 'Baca juga:'],
    ['zh', '相关阅读'],
    ['zh', '延伸阅读：'],
    ['zh', '相關新聞'],
    ['en', 'Related'],
    ['en', 'Read more:'],
    ['en', 'Also read'],
    ['ar', 'اقرأ أيضا:'],
  ];
  for (const [lang, marker] of cases) {
    it(`cuts the tail after "${marker}" (${lang})`, () => {
      const text = `${body}\n${marker}\nAn unrelated story about something else entirely, from another day.\nAnother link`;
      expect(removeBoilerplate(text, '')).toBe(body);
    });
  }

  it('drops an inline "read also: headline" line but keeps the article after it', () => {
    const text = `${body}\nLire aussi : Les agriculteurs bloquent les autoroutes\nThe mayor said the plan would be reviewed in June.`;
    expect(removeBoilerplate(text, '')).toBe(`${body}\nThe mayor said the plan would be reviewed in June.`);
  });

  it('drops tag lines, consent banners, promos, date lines and bylines', () => {
    const text = [
      'By Jane Doe',
      'Published: 12 March 2024',
      'Thứ Sáu, 19/1/2024 10:00',
      body,
      'Tags: politics, housing, budget',
      'Chủ đề: ngân sách',
      '标签：预算',
      'We use cookies to improve your experience on this website. By continuing you accept our policy.',
      'Join our WhatsApp channel for breaking news',
      'Follow us on Google News',
      'The post Council approves budget appeared first on City Herald.',
      'Share',
    ].join('\n');
    expect(removeBoilerplate(text, '')).toBe(body);
  });

  it('keeps real sentences that merely mention cookies, channels or related topics', () => {
    const text = [
      'Regulators fined the company for setting advertising cookies without consent, the agency said on Tuesday.',
      'Related talks are expected to resume in Geneva next week, diplomats said.',
      'Messaging apps such as WhatsApp and Telegram have become the main source of news for many voters.',
    ].join('\n');
    expect(removeBoilerplate(text, '')).toBe(text);
  });
});

describe('htmlToPlainText', () => {
  it('drops images, captions, credits, scripts, styles and iframes; keeps paragraphs and link text', () => {
    const html =
      '<figure><img src="a.jpg"><figcaption>Caption</figcaption></figure><p>First <a href="https://x.example/a">paragraph</a>.</p>' +
      '<script>track()</script><style>p{}</style><iframe src="https://video.example"></iframe><p>Second<br>line <small>Photo: AP</small></p>';
    expect(htmlToPlainText(html)).toBe('First paragraph.\nSecond\nline');
  });

  it('joins lines of wrapped HTML source but keeps plain-text lines', () => {
    expect(htmlToPlainText('<p>A sentence that the\ncms wrapped.</p>\n<p>Next.</p>')).toBe('A sentence that the cms wrapped.\nNext.');
    expect(htmlToPlainText('Line one.\nLine two &amp; more.')).toBe('Line one.\nLine two & more.');
  });
});

describe('language identification', () => {
  const HEADLINES: Record<string, string[]> = {
    en: [
      'Heavy snow disrupts flights across northern Europe',
      'Central bank holds interest rates steady amid slowing inflation',
      'Parliament approves new climate law after lengthy debate',
    ],
    ar: ['الأمم المتحدة تحذر من مجاعة وشيكة في السودان', 'ارتفاع أسعار النفط بعد قرار أوبك خفض الإنتاج', 'افتتاح أكبر محطة للطاقة الشمسية في المنطقة'],
    fa: ['پاکستان و ایران برای کاهش تنش توافق کردند', 'قیمت دلار در بازار آزاد تهران کاهش یافت', 'زلزله ۵ ریشتری استان کرمان را لرزاند'],
    ur: ['پاکستان اور ایران کشیدگی کم کرنے پر متفق ہو گئے', 'لاہور میں شدید دھند کے باعث موٹروے بند', 'وزیر اعظم نے نئے ترقیاتی منصوبے کا افتتاح کیا'],
    zh: ['国务院常务会议部署稳就业工作', '台风“海葵”登陆福建 多地停课停工', '中國隊奪得世乒賽男子團體冠軍'],
    vi: ['Giá xăng dầu giảm mạnh từ chiều nay', 'Hà Nội ra mắt tuyến xe buýt điện đầu tiên', 'Quốc hội thông qua Luật Đất đai sửa đổi'],
    ru: ['В Москве открылась новая станция метро', 'Центробанк сохранил ключевую ставку на уровне 16%', 'Сильные снегопады парализовали движение на трассах'],
    tr: [
      'Merkez Bankası faizi yüzde 45 seviyesinde sabit tuttu',
      'İstanbul’da kar yağışı hayatı olumsuz etkiledi',
      'Meclis yeni vergi düzenlemesini kabul etti',
    ],
    fr: [
      'Le gouvernement annonce un plan d’urgence pour l’hôpital',
      'Grève à la SNCF : trafic très perturbé ce week-end',
      'Les agriculteurs bloquent les autoroutes autour de Paris',
    ],
    es: ['El Gobierno aprueba la subida del salario mínimo', 'Fuertes lluvias provocan inundaciones en Valencia', 'El Real Madrid gana la Supercopa en Riad'],
    de: [
      'Bundestag beschließt Reform des Wahlrechts',
      'Lokführer streiken erneut im Personenverkehr',
      'Inflation in Deutschland sinkt auf niedrigsten Stand seit zwei Jahren',
    ],
    hi: ['दिल्ली में घने कोहरे के कारण कई उड़ानें रद्द', 'सरकार ने किसानों के लिए नई योजना की घोषणा की', 'भारत ने तीसरे टेस्ट में इंग्लैंड को हराया'],
    id: ['Presiden resmikan jalan tol baru di Sumatera', 'Harga beras naik menjelang bulan Ramadan', 'Banjir rendam ribuan rumah di Jakarta Utara'],
    pt: [
      'Governo anuncia novo programa de habitação popular',
      'Chuvas fortes deixam cidades em alerta no Rio Grande do Sul',
      'Inflação de janeiro fica abaixo do esperado',
    ],
    uk: ['Україна та Польща домовилися розблокувати кордон'],
    ja: ['東京都で今年初の真夏日を観測'],
    ko: ['서울 아파트값 3주 연속 상승'],
    ms: ['Kerajaan umum bantuan tunai kepada mangsa banjir di Johor'],
  };
  for (const [lang, headlines] of Object.entries(HEADLINES)) {
    it(`identifies ${lang} headlines`, () => {
      for (const title of headlines) expect([title, detectLanguage({ title, text: '' }).lang]).toEqual([title, lang]);
    });
  }

  it('uses a declared language that fits the script, and detects when it does not', () => {
    expect(detectLanguage({ title: 'Sequía en Cataluña', text: '', declared: 'es-ES' })).toEqual({ lang: 'es', source: 'declared' });
    expect(detectLanguage({ title: 'Inflação de janeiro', text: '', feedLanguage: 'pt-BR' })).toEqual({ lang: 'pt', source: 'feed' });
    expect(detectLanguage({ title: 'الأمم المتحدة تحذر من مجاعة وشيكة في السودان', text: '', feedLanguage: 'en' })).toEqual({ lang: 'ar', source: 'script' });
    expect(detectLanguage({ title: 'لاہور میں شدید دھند کے باعث موٹروے بند', text: '', declared: 'fa' }).lang).toBe('ur');
    expect(detectLanguage({ title: '東京都で今年初の真夏日を観測', text: '', declared: 'zh-CN' }).lang).toBe('ja');
    expect(detectLanguage({ title: '12:30', text: '' })).toEqual({ lang: 'und', source: 'unknown' });
  });
});

describe('publication dates', () => {
  const cases: Array<[string, string | null]> = [
    ['Fri, 19 Jan 2024 21:23:59 GMT', '2024-01-19T21:23:59.000Z'],
    ['Fri, 19 Jan 2024 21:23:59 +0330', '2024-01-19T17:53:59.000Z'],
    ['19 Jan 24 09:00 EST', '2024-01-19T14:00:00.000Z'],
    ['2024-01-19T21:23:59Z', '2024-01-19T21:23:59.000Z'],
    ['2024-01-19T21:23:59.123+07:00', '2024-01-19T14:23:59.000Z'],
    ['2024-01-19 21:23:59', '2024-01-19T21:23:59.000Z'],
    ['2024-01-19', '2024-01-19T00:00:00.000Z'],
    ['19.01.2024 10:00', '2024-01-19T10:00:00.000Z'],
    ['January 19, 2024 9:30 PM', '2024-01-19T21:30:00.000Z'],
    ['۲۰۲۴-۰۱-۱۹', '2024-01-19T00:00:00.000Z'],
    ['not a date', null],
    ['', null],
    ['1970-01-01T00:00:00Z', null],
    ['2031-05-01T00:00:00Z', null],
  ];
  for (const [input, expected] of cases) {
    it(`parses "${input}"`, () => {
      expect(parsePublishedDate(input, NOW)?.toISOString() ?? null).toBe(expected);
    });
  }
});

describe('item identity', () => {
  it('canonicalizes links', () => {
    expect(canonicalLink('HTTPS://News.Example.COM:443/a/b?utm_source=rss&b=2&fbclid=x&a=1&gclid=y#comments')).toBe('https://news.example.com/a/b?a=1&b=2');
    expect(canonicalLink('http://example.com:80/story?mc_cid=1&mc_eid=2&igshid=3&ref=home&ref_src=tw&cmpid=4&at_medium=5&at_campaign=6&ocid=7&_ga=8')).toBe(
      'http://example.com/story',
    );
    expect(canonicalLink('/2024/01/story.html', 'https://site.example/feed.xml')).toBe('https://site.example/2024/01/story.html');
    expect(canonicalLink('mailto:desk@example.com')).toBeNull();
    expect(canonicalLink('not a url')).toBeNull();
  });

  it('keys by canonical link, else guid, else content hash', () => {
    const byLink = normalized({ title: 'A', link: 'https://x.example/a?utm_medium=rss', guid: 'g1' });
    expect(byLink.key).toBe('url:https://x.example/a');
    const byGuid = normalized({ title: 'A', guid: 'g1' });
    expect(byGuid.key).toBe(`guid:${FEED.url}:g1`);
    const byHash = normalized({ title: 'A', content: 'Body text.' });
    expect(byHash.key).toBe(`hash:${FEED.url}:${contentHash('A', 'Body text.')}`);
    expect(byHash.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives the same content hash to the same article with other whitespace, case and markup', () => {
    const a = normalized({ title: 'Council  approves budget', content: '<p>The council approved it.</p>', link: 'https://a.example/1' });
    const b = normalized({ title: 'council approves BUDGET', content: 'The   council approved it.', link: 'https://b.example/2' });
    expect(a.contentHash).toBe(b.contentHash);
    expect(a.key).not.toBe(b.key);
  });
});

describe('normalizeItem on fixture feeds', () => {
  async function fixtureItems(name: string, contentType: string | null, feed = FEED): Promise<Array<ReturnType<typeof normalizeItem>>> {
    const { readFileSync } = await import('node:fs');
    const parsed = await parseFeed(readFileSync(path.join(fixtures, 'feeds', name)), contentType);
    if (!parsed.ok) throw new Error(parsed.error.message);
    return parsed.value.items.map((raw) => normalizeItem(raw, feed, NOW));
  }

  it('handles missing links, titles and dates, and rejects an empty entry with ITEM_EMPTY', async () => {
    const [noTitle, titleOnly, badDate, empty] = await fixtureItems('no-link-no-date.xml', null);
    expect(noTitle?.ok && noTitle.value).toMatchObject({
      title: "Kenya's high court on Friday blocked the deployment of police officers to Haiti, ruling that the government lacked the…",
      link: null,
      published: null,
      lang: 'en',
    });
    expect(titleOnly?.ok && titleOnly.value).toMatchObject({ title: "Türkiye'de asgari ücret yüzde 49 arttı", text: '', lang: 'tr' });
    expect(titleOnly?.ok && titleOnly.value.key).toMatch(/^hash:/);
    expect(badDate?.ok && badDate.value.published).toBeNull();
    expect(empty?.ok ? 'ok' : empty?.error.code).toBe('ITEM_EMPTY');
  });

  it('gives entries with the same guid and no link the same key', async () => {
    const items = (await fixtureItems('duplicate-guids.xml', null)).map((r) => (r.ok ? r.value : null));
    expect(items[0]?.key).toBe(items[1]?.key);
    expect(items[0]?.contentHash).not.toBe(items[1]?.contentHash);
    expect(items[2]?.key).not.toBe(items[0]?.key);
    expect(items.map((i) => [i?.lang, i?.langSource])).toEqual([
      ['vi', 'declared'],
      ['vi', 'declared'],
      ['vi', 'declared'],
    ]);
  });

  it('normalizes RSS 2.0 content:encoded: no captions, share lines or "appeared first" footers', async () => {
    const [fires, election, drought] = (await fixtureItems('rss-2.0.xml', null)).map((r) => (r.ok ? r.value : null));
    expect(fires?.text).toBe(
      'Rescue teams searched burned neighbourhoods in central Chile on Monday as the death toll from wildfires around the coastal city of Viña del Mar rose to 122, officials said.\nPresident Gabriel Boric declared two days of national mourning and said the country was facing “a tragedy of very great magnitude”.',
    );
    expect(fires?.link).toBe('https://worlddesk.example.com/2024/02/05/chile-wildfires/');
    expect(fires?.published?.toISOString()).toBe('2024-02-05T14:30:00.000Z');
    expect(election?.title).toBe('Indonesia holds world’s largest single-day election');
    expect(drought).toMatchObject({ lang: 'es', langSource: 'declared' });
    expect(drought?.text).not.toContain('Lea también');
  });

  it('detects Persian written with Arabic yeh in a windows-1256 feed', async () => {
    const [arabic, persian] = (await fixtureItems('windows-1256.xml', 'text/xml; charset=windows-1256')).map((r) => (r.ok ? r.value : null));
    expect(arabic?.lang).toBe('ar');
    expect(persian?.lang).toBe('fa');
  });

  it('normalizes Chinese GB2312, Atom and JSON Feed entries', async () => {
    const [train] = (await fixtureItems('gb2312.xml', null)).map((r) => (r.ok ? r.value : null));
    expect(train).toMatchObject({ lang: 'zh', text: '记者从国铁集团获悉，春运首日全国铁路预计发送旅客一千零五十万人次。' });
    const [frost, border] = (await fixtureItems('atom.xml', null)).map((r) => (r.ok ? r.value : null));
    expect(frost).toMatchObject({ title: 'В Новосибирске ударили морозы до минус 40 градусов', lang: 'ru', langSource: 'declared' });
    expect(frost?.text).toBe('В Новосибирске ночью температура опустилась до минус 40 градусов. Власти отменили занятия в школах.');
    expect(border).toMatchObject({ lang: 'uk', link: 'https://sibir-news.example.ru/news/1186-kordon' });
    const [rain, , mercosur] = (await fixtureItems('feed.json', null)).map((r) => (r.ok ? r.value : null));
    expect(rain).toMatchObject({ lang: 'pt', link: 'https://diariodosul.example.br/2024/02/03/chuvas-rio-grande-do-sul?page=2' });
    expect(rain?.text).toBe('A Defesa Civil emitiu alerta para temporais em 120 municípios gaúchos neste sábado.');
    expect(mercosur?.lang).toBe('es');
  });
});
