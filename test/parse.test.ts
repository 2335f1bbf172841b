import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { ParsedFeed } from '../src/core/item.js';
import type { Result } from '../src/core/result.js';
import { decodeBody } from '../src/pipeline/parse/decode.js';
import { parseFeed } from '../src/pipeline/parse/parse-feed.js';

const feeds = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'feeds');
const fixture = (name: string): Buffer => readFileSync(path.join(feeds, name));

function value(result: Result<ParsedFeed>): ParsedFeed {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

function errorCode(result: Result<ParsedFeed>): string {
  if (result.ok) throw new Error('expected an error value');
  return result.error.code;
}

describe('parseFeed: formats', () => {
  it('reads RSS 0.91 (ISO-8859-1 declared) with channel language', async () => {
    const feed = value(await parseFeed(fixture('rss-0.91.xml'), 'application/rss+xml'));
    expect(feed.format).toBe('rss');
    expect(feed.language).toBe('fr');
    expect(feed.items).toHaveLength(2);
    expect(feed.items[0]?.title).toBe('La Commission européenne propose un nouveau plan pour les agriculteurs');
    expect(feed.items[0]?.summary).toContain('colère des agriculteurs');
    expect(feed.items[1]?.link).toBe('https://www.journal-du-soir.example/international/2024/01/10/seisme-japon.html');
  });

  it('reads RSS 1.0 (RDF) with dc:date, dc:creator and dc:language', async () => {
    const feed = value(await parseFeed(fixture('rss-1.0-rdf.xml'), 'application/rdf+xml'));
    expect(feed.format).toBe('rss');
    expect(feed.language).toBe('de');
    expect(feed.items.map((i) => i.title)).toEqual([
      'Bahnstreik: Lokführer legen Güter- und Personenverkehr für sechs Tage lahm',
      'Hochwasser in Niedersachsen: Pegelstände sinken langsam',
    ]);
    expect(feed.items[0]).toMatchObject({
      published: '2024-01-22T18:45:00+01:00',
      author: 'Anna Becker',
      language: 'de',
      link: 'https://nachrichten.example.de/wirtschaft/bahnstreik-100.html',
    });
  });

  it('reads RSS 2.0 with content:encoded, description, guid, dc:creator and item dc:language', async () => {
    const feed = value(await parseFeed(fixture('rss-2.0.xml'), 'application/rss+xml; charset=utf-8'));
    expect(feed.title).toBe('World Desk Daily');
    expect(feed.language).toBe('en-us');
    const [fires, election, drought] = feed.items;
    expect(fires?.guid).toBe('https://worlddesk.example.com/?p=48211');
    expect(fires?.author).toBe('Maria Gonzalez');
    expect(fires?.published).toBe('Mon, 05 Feb 2024 14:30:00 +0000');
    expect(fires?.content).toContain('death toll from wildfires');
    expect(fires?.summary).toContain('Rescue teams are searching');
    expect(election?.title).toBe('Indonesia\u00a0holds world’s largest single-day election');
    expect(election?.content).toBeUndefined();
    expect(election?.summary).toContain('200 million voters');
    expect(drought?.language).toBe('es');
    expect(fires?.language).toBe('en-us');
  });

  it('reads Atom 1.0: alternate link, id, published/updated, xml:lang on feed and entry', async () => {
    const feed = value(await parseFeed(fixture('atom.xml'), 'application/atom+xml'));
    expect(feed.format).toBe('atom');
    expect(feed.language).toBe('ru');
    const [frost, border, heating] = feed.items;
    expect(frost).toMatchObject({
      guid: 'tag:sibir-news.example.ru,2024:news-1187',
      link: 'https://sibir-news.example.ru/news/1187-morozy',
      published: '2024-01-24T21:15:00+07:00',
      author: 'Ирина Соколова',
      language: 'ru',
    });
    expect(frost?.title).toContain('минус 40');
    expect(frost?.content).toContain('температура опустилась до минус 40 градусов');
    expect(frost?.summary).toContain('аномальные холода');
    expect(border).toMatchObject({ language: 'uk', published: '2024-01-24T12:00:00Z', link: 'https://sibir-news.example.ru/news/1186-kordon' });
    expect(heating?.published).toBe('вчера вечером');
  });

  it('reads JSON Feed 1.1 with feed and item languages and numeric ids', async () => {
    const feed = value(await parseFeed(fixture('feed.json'), 'application/feed+json'));
    expect(feed.format).toBe('json');
    expect(feed.language).toBe('pt-BR');
    const [rain, inflation, mercosur] = feed.items;
    expect(rain).toMatchObject({
      title: 'Chuvas fortes deixam cidades em alerta no Rio Grande do Sul',
      summary: 'Defesa Civil emite alerta para temporais.',
      author: 'Carla Mendes',
      language: 'pt-BR',
      published: '2024-02-03T10:20:00-03:00',
    });
    expect(rain?.content).toContain('<p>A Defesa Civil emitiu alerta');
    expect(inflation).toMatchObject({ guid: '98213', content: expect.stringContaining('IPCA subiu 0,42%') });
    expect(mercosur?.language).toBe('es');
  });

  it('sniffs the body when the content type is wrong', async () => {
    const rssAsHtml = value(await parseFeed(fixture('rss-2.0.xml'), 'text/html; charset=utf-8'));
    expect(rssAsHtml.items).toHaveLength(3);
    const rssAsText = value(await parseFeed(fixture('atom.xml'), 'text/plain'));
    expect(rssAsText.format).toBe('atom');
    const jsonAsText = value(await parseFeed(fixture('feed.json'), 'text/plain'));
    expect(jsonAsText.format).toBe('json');
    const jsonWithoutType = value(await parseFeed(fixture('feed.json'), null));
    expect(jsonWithoutType.items).toHaveLength(3);
  });
});

describe('parseFeed: encodings', () => {
  it('decodes GB2312 declared in the XML declaration', async () => {
    const body = fixture('gb2312.xml');
    expect(body.includes(Buffer.from('春运', 'utf8'))).toBe(false);
    const feed = value(await parseFeed(body, 'application/xml'));
    expect(feed.title).toBe('新闻速递');
    expect(feed.items[0]?.title).toBe('春运首日全国铁路发送旅客一千万人次');
    expect(feed.items[1]?.summary).toBe('气象台发布暴雪黄色预警，部分地区积雪深度超过二十厘米。');
  });

  it('decodes windows-1256 declared only in the Content-Type header', async () => {
    const feed = value(await parseFeed(fixture('windows-1256.xml'), 'text/xml; charset=windows-1256'));
    expect(feed.title).toBe('أخبار الخليج');
    expect(feed.items[0]?.title).toBe('افتتاح معرض الكتاب الدولي بمشاركة أكثر من ألف دار نشر');
    expect(feed.items[1]?.title).toContain('نمايشگاه');
  });

  it('lets the XML declaration win over a wrong header charset, and a BOM win over both', async () => {
    expect(decodeBody(fixture('gb2312.xml'), 'text/xml; charset=iso-8859-1').source).toBe('xml-declaration');
    const withBom = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('<?xml version="1.0" encoding="koi8-r"?><rss version="2.0"><channel><title>Ура</title></channel></rss>'),
    ]);
    const decoded = decodeBody(withBom, 'text/xml; charset=windows-1251');
    expect(decoded).toMatchObject({ encoding: 'utf-8', source: 'bom' });
    expect(value(await parseFeed(withBom, null)).title).toBe('Ура');
  });

  it('decodes KOI8-R, Shift_JIS and UTF-16 documents', async () => {
    const doc = (encoding: string, title: string): string =>
      `<?xml version="1.0" encoding="${encoding}"?><rss version="2.0"><channel><title>${title}</title></channel></rss>`;
    const koi8 = iconv.encode(doc('KOI8-R', 'Последние новости'), 'koi8-r');
    expect(value(await parseFeed(koi8, null)).title).toBe('Последние новости');
    const sjis = iconv.encode(doc('Shift_JIS', '東京の天気'), 'shift_jis');
    expect(value(await parseFeed(sjis, null)).title).toBe('東京の天気');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(doc('UTF-16', 'Haberler'), 'utf-16le')]);
    expect(value(await parseFeed(utf16, null)).title).toBe('Haberler');
  });

  it('falls back to UTF-8 when the declared encoding is unknown', async () => {
    const body = Buffer.from('<?xml version="1.0" encoding="x-made-up"?><rss version="2.0"><channel><title>Čeština</title></channel></rss>');
    expect(value(await parseFeed(body, null)).title).toBe('Čeština');
  });
});

describe('parseFeed: failures are values', () => {
  it('reports truncated XML as FEED_PARSE_ERROR with the parser reason', async () => {
    const result = await parseFeed(fixture('invalid.xml'), 'application/rss+xml');
    expect(errorCode(result)).toBe('FEED_PARSE_ERROR');
    expect(result.ok ? '' : result.error.message).toMatch(/Unclosed|Unexpected end/i);
  });

  it('reports an HTML page as FEED_NOT_A_FEED, even with an RSS content type', async () => {
    expect(errorCode(await parseFeed(fixture('html-page.html'), 'text/html'))).toBe('FEED_NOT_A_FEED');
    expect(errorCode(await parseFeed(fixture('html-page.html'), 'application/rss+xml'))).toBe('FEED_NOT_A_FEED');
  });

  it('reports XML that is not a feed and plain text as FEED_NOT_A_FEED', async () => {
    expect(errorCode(await parseFeed(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"></svg>'), 'image/svg+xml'))).toBe('FEED_NOT_A_FEED');
    expect(errorCode(await parseFeed(Buffer.from('Service temporarily unavailable'), 'text/plain'))).toBe('FEED_NOT_A_FEED');
  });

  it('reports empty and blank bodies as FEED_EMPTY_BODY', async () => {
    expect(errorCode(await parseFeed(Buffer.alloc(0), 'application/rss+xml'))).toBe('FEED_EMPTY_BODY');
    expect(errorCode(await parseFeed(Buffer.from(' \n\t '), null))).toBe('FEED_EMPTY_BODY');
  });

  it('reports bad JSON and document schema failures as FEED_PARSE_ERROR naming the field', async () => {
    const bad = await parseFeed(Buffer.from('{"version": "https://jsonfeed.org/version/1.1", "items": [}'), 'application/feed+json');
    expect(errorCode(bad)).toBe('FEED_PARSE_ERROR');
    const itemsNotAList = await parseFeed(Buffer.from(JSON.stringify({ version: 'https://jsonfeed.org/version/1', items: { id: '1' } })), 'application/json');
    expect(itemsNotAList.ok ? '' : itemsNotAList.error.message).toContain('"items"');
    const noItems = await parseFeed(Buffer.from('{"version": "https://jsonfeed.org/version/1.1"}'), 'application/feed+json');
    expect(noItems.ok ? '' : noItems.error.message).toContain('"items"');
  });

  it('returns an empty feed as ok with no items', async () => {
    const feed = value(await parseFeed(fixture('empty.xml'), 'application/rss+xml'));
    expect(feed).toMatchObject({ title: 'Quiet Newsroom', language: 'en', items: [] });
  });

  it('keeps malformed items with what they have', async () => {
    const feed = value(await parseFeed(fixture('no-link-no-date.xml'), 'application/rss+xml'));
    expect(feed.items).toHaveLength(4);
    expect(feed.items[0]).toEqual({ summary: expect.stringContaining("Kenya's high court") });
    expect(feed.items[1]).toEqual({ title: "Türkiye'de asgari ücret yüzde 49 arttı" });
    expect(feed.items[2]?.published).toBe('not a date at all');
    expect(feed.items[3]).toEqual({});
  });

  it('keeps items that share a guid', async () => {
    const feed = value(await parseFeed(fixture('duplicate-guids.xml'), null));
    expect(feed.items.map((i) => i.guid)).toEqual(['tn-20240120-001', 'tn-20240120-001', 'tn-20240120-002']);
  });

  it('survives a malformed Atom date instead of losing the feed', async () => {
    const atom = '<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry><title>A</title><id>1</id><updated>garbage</updated></entry></feed>';
    const feed = value(await parseFeed(Buffer.from(atom), 'application/atom+xml'));
    expect(feed.items[0]).toMatchObject({ title: 'A', guid: '1', published: 'garbage' });
  });
});

describe('parseFeed: one bad entry does not lose the feed', () => {
  const jsonFeed = (items: unknown[], extra: Record<string, unknown> = {}): Buffer =>
    Buffer.from(JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Wire', items, ...extra }));

  it('skips only the JSON Feed items with a wrong type, naming each, and reads the rest', async () => {
    const feed = value(
      await parseFeed(
        jsonFeed([
          { id: 'a', title: 'First', url: 'https://news.example/a' },
          { id: 'b', title: 5 },
          { id: 'c', content_html: {} },
          'not an item',
          null,
          { id: 7, title: 'Last', authors: [{ name: 'R' }] },
        ]),
        'application/feed+json',
      ),
    );
    expect(feed.title).toBe('Wire');
    expect(feed.items).toEqual([
      { guid: 'a', title: 'First', link: 'https://news.example/a' },
      { guid: '7', title: 'Last', author: 'R' },
    ]);
    expect(feed.unreadable?.map((u) => [u.index, u.id, u.error.code])).toEqual([
      [1, 'b', 'FEED_ITEM_INVALID'],
      [2, 'c', 'FEED_ITEM_INVALID'],
      [3, undefined, 'FEED_ITEM_INVALID'],
      [4, undefined, 'FEED_ITEM_INVALID'],
    ]);
    expect(feed.unreadable?.[0]?.error.message).toMatch(/^JSON Feed item 1 \(id "b"\): field "title": .*expected string.*; the item is skipped\.$/);
    expect(feed.unreadable?.[1]?.error.message).toContain('field "content_html"');
    expect(feed.unreadable?.[2]?.error.message).toBe('JSON Feed item 3: not an object; the item is skipped.');
  });

  it('ignores a wrong type in a JSON Feed title or language instead of losing the feed', async () => {
    const feed = value(await parseFeed(jsonFeed([{ id: 'a', title: 'Only' }], { title: 5, language: ['en'] }), null));
    expect(feed).toEqual({ format: 'json', items: [{ guid: 'a', title: 'Only' }] });
  });

  it('reports an RSS document without <channel> as FEED_MALFORMED saying so', async () => {
    for (const rssDoc of [
      '<?xml version="1.0"?><rss version="2.0"><item><title>x</title></item></rss>',
      '<rss version="0.91"></rss>',
      '<rss version="2.0"><!-- <channel> --></rss>',
    ]) {
      const result = await parseFeed(Buffer.from(rssDoc), 'application/rss+xml');
      expect(result).toEqual({
        ok: false,
        error: { code: 'FEED_MALFORMED', message: 'RSS document has no <channel> element; the feed is skipped until it changes.' },
      });
    }
    const rdf = '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><item><title>x</title></item></rdf:RDF>';
    expect(await parseFeed(Buffer.from(rdf), null)).toMatchObject({
      ok: false,
      error: { code: 'FEED_MALFORMED', message: expect.stringMatching(/^RSS 1\.0 \(RDF\) document has no <channel> element/) },
    });
  });

  it('reports an Atom <entry> holding text as FEED_MALFORMED, never a TypeError message', async () => {
    const atom = '<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry>just text</entry></feed>';
    const result = await parseFeed(Buffer.from(atom), 'application/atom+xml');
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'FEED_MALFORMED', message: expect.stringContaining('Atom document has an <entry> element holding text') },
    });
    expect(result.ok ? '' : result.error.message).not.toMatch(/Cannot read|undefined/);
  });
});

describe('parseFeed: one feed does not change the next one', () => {
  it('reports a malformed document as malformed after a document with text after its root (rss-parser kept state)', async () => {
    const broken = (root: string): Buffer => Buffer.from(`<${root} version="2.0"><channel><title>T</title><item><title>A</item></channel></${root}>`);
    const trailing = Buffer.from('<rss version="2.0"><channel><title>T</title></channel></rss> trailing');
    const atomTrailing = Buffer.from('<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title></feed> trailing');
    for (const before of [trailing, atomTrailing]) {
      expect(value(await parseFeed(before, null)).title).toBe('T');
      expect(errorCode(await parseFeed(broken('rss'), null))).toBe('FEED_PARSE_ERROR');
      expect(value(await parseFeed(before, null)).title).toBe('T');
      expect(errorCode(await parseFeed(Buffer.from(`<rdf:RDF>${broken('x')}</rdf:RDF>`), null))).toBe('FEED_PARSE_ERROR');
    }
  });
});
