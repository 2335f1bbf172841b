import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { buildFeed } from '../bench/feed.js';
import { normalizeItem } from '../src/pipeline/normalize/normalize-item.js';
import { parseFeed } from '../src/pipeline/parse/parse-feed.js';
import { readSimpleRss } from '../src/pipeline/parse/rss-stream.js';
import { seededRandom } from './helpers/seeded-random.js';

const feeds = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'feeds');
const NOW = new Date('2026-12-01T00:00:00Z');

/** parseFeed and normalizeItem on every item, as one JSON text: the whole output of parse + normalize. */
async function output(body: Buffer, contentType: string | null, rssParserOnly: boolean): Promise<string> {
  const parsed = await parseFeed(body, contentType, { rssParserOnly });
  if (!parsed.ok) return JSON.stringify(parsed);
  const items = parsed.value.items.map((raw) => normalizeItem(raw, { url: 'https://feed.example.com/rss' }, NOW));
  return JSON.stringify({ parsed, items });
}

async function expectSame(body: Buffer, contentType: string | null = null): Promise<string> {
  const reference = await output(body, contentType, true);
  expect(await output(body, contentType, false)).toBe(reference);
  return reference;
}

/** A deterministic generator of small RSS documents with the shapes rss-parser maps in particular ways. */
function documents(count: number): string[] {
  const { next, pick } = seededRandom(7);
  const texts = [
    'Budget passes',
    '  ',
    '',
    'Iran &amp; Pakistan',
    'تهران',
    '<![CDATA[ ]]>',
    '<![CDATA[<p>Body</p>]]>',
    'a<!-- note -->b',
    'x<![CDATA[y]]>z',
    '&#1587;',
    '<![CDATA[]]>',
  ];
  const attributes = ['', '', ' isPermaLink="false"', ' xml:lang="fa"', ' type="html"'];
  const names = [
    'title',
    'dc:title',
    'link',
    'guid',
    'description',
    'content:encoded',
    'summary',
    'pubDate',
    'dc:date',
    'author',
    'dc:creator',
    'dc:language',
    'category',
    'enclosure',
    'media:content',
  ];
  const element = (): string => {
    const name = pick(names);
    const roll = next();
    if (roll < 0.05) return `<${name}${pick(attributes)}/>`;
    if (roll < 0.07) return `<${name}>text <b>bold</b> more</${name}>`;
    if (roll < 0.08) return pick([`<_>${pick(texts)}</_>`, `<${name} _="odd">x</${name}>`]);
    return `<${name}${pick(attributes)}>${pick(texts)}</${name}>`;
  };
  const docs: string[] = [];
  for (let d = 0; d < count; d += 1) {
    const items: string[] = [];
    for (let i = Math.floor(next() * 4); i > 0; i -= 1) {
      const roll = next();
      if (roll < 0.05) items.push(pick(['<item/>', '<item>text only</item>', '<item xml:lang="en"></item>']));
      else
        items.push(
          `<item${pick(['', ' xml:lang="ar"', ' rdf:about="x"'])}>${Array.from({ length: 1 + Math.floor(next() * 6) }, element).join(pick(['', '\n  ']))}</item>`,
        );
    }
    const channelHead = Array.from({ length: Math.floor(next() * 3) }, () =>
      pick([
        '<title>Feed</title>',
        '<language>en-US</language>',
        '<dc:language>fa</dc:language>',
        '<title> </title>',
        '<dc:title>DC</dc:title>',
        '<title>a <i>b</i></title>',
      ]),
    ).join('');
    const root = pick(['<rss version="2.0">', '<rss version="0.91">', '<rss>', '<rss version="2.0" xml:lang="vi">']);
    const channel = pick(['<channel>', '<channel xml:lang="ru">']);
    const tail = next() < 0.1 ? pick(['<channel><title>Second</title></channel>', '<!-- end -->']) : '';
    const after = next() < 0.1 ? pick([' trailing text', '<extra/>']) : '';
    const body = `${root}${channel}${channelHead}${items.join('')}</channel>${tail}</rss>${after}`;
    const broken = next() < 0.08 ? body.slice(0, Math.floor(next() * body.length)) : body;
    docs.push(`<?xml version="1.0" encoding="UTF-8"?>\n${broken}`);
  }
  return docs;
}

describe('streaming RSS reader against rss-parser', () => {
  it('gives the same parsed and normalized output on every fixture feed (RSS 0.91/1.0/2.0, Atom, JSON, gb2312, windows-1256, invalid, HTML)', async () => {
    const files = readdirSync(feeds).filter((f) => /\.(xml|json|html)$/.test(f));
    expect(files).toEqual(expect.arrayContaining(['rss-2.0.xml', 'rss-1.0-rdf.xml', 'atom.xml', 'feed.json', 'gb2312.xml', 'windows-1256.xml', 'invalid.xml']));
    const codes = new Set<string>();
    for (const file of files) {
      const reference = JSON.parse(await expectSame(readFileSync(path.join(feeds, file)))) as { ok?: boolean; error?: { code: string } };
      if (reference.error) codes.add(reference.error.code);
    }
    expect(codes).toEqual(new Set(['FEED_PARSE_ERROR', 'FEED_NOT_A_FEED']));
  });

  it('gives the same output on the bench feed and on it re-encoded in windows-1256 and gb18030-compatible gbk', async () => {
    const feed = buildFeed(400);
    const reference = await expectSame(feed);
    expect(reference).toContain('"lang":"fa"');
    const text = feed.toString('utf8');
    for (const encoding of ['windows-1256', 'gbk']) {
      const sample = text.replace('encoding="UTF-8"', `encoding="${encoding === 'gbk' ? 'gb2312' : encoding}"`);
      await expectSame(iconv.encode(sample, encoding));
    }
  });

  it('gives the same output on the bench items as RSS 1.0 (RDF) and as Atom, which rss-parser reads', async () => {
    const items = [
      ...buildFeed(150)
        .toString('utf8')
        .matchAll(/<item>([\s\S]*?)<\/item>/g),
    ].map((m) => m[1] ?? '');
    const rdf =
      '<?xml version="1.0" encoding="UTF-8"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:content="http://purl.org/rss/1.0/modules/content/">' +
      `<channel rdf:about="https://news.example.com/"><title>Bench</title></channel>${items.map((body) => `<item rdf:about="x">${body}</item>`).join('')}</rdf:RDF>`;
    const atom =
      '<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Bench</title>' +
      items
        .map((body) =>
          body
            .replace(/<link>([^<]*)<\/link>/, '<link href="$1"/>')
            .replace(/<guid[^>]*>([^<]*)<\/guid>/, '<id>$1</id>')
            .replace(/<pubDate>([^<]*)<\/pubDate>/, '<published>$1</published>')
            .replace(/<content:encoded>([\s\S]*)<\/content:encoded>/, '<content type="html">$1</content>'),
        )
        .map((body) => `<entry>${body}</entry>`)
        .join('') +
      '</feed>';
    for (const doc of [rdf, atom]) {
      expect(readSimpleRss(doc.replace(/^<\?xml[^>]*\?>/, ''))).toBeNull();
      const reference = JSON.parse(await expectSame(Buffer.from(doc))) as { parsed: { ok: boolean }; items: { ok: boolean }[] };
      expect(reference.parsed.ok).toBe(true);
      expect(reference.items.filter((item) => item.ok)).toHaveLength(150);
    }
  });

  it('gives the same output, or the same error, on 3,000 generated documents, and reads most of them itself', async () => {
    let streamed = 0;
    const codes = new Set<string>();
    for (const doc of documents(3000)) {
      const reference = JSON.parse(await expectSame(Buffer.from(doc), 'application/rss+xml')) as { ok?: boolean; error?: { code: string } };
      if (reference.error) codes.add(reference.error.code);
      if (readSimpleRss(doc.replace(/^<\?xml[^>]*\?>\n/, '')) !== null) streamed += 1;
    }
    expect([...codes]).toContain('FEED_PARSE_ERROR');
    expect(streamed).toBeGreaterThan(1000);
  });

  it('leaves to rss-parser what it does not map itself', () => {
    expect(readSimpleRss('<rss version="2.0"><channel><title>T</title><item><title>A</title></item></channel></rss>')).toEqual({
      title: 'T',
      items: [{ title: 'A' }],
    });
    for (const doc of [
      '<rdf:RDF><channel><title>T</title></channel></rdf:RDF>',
      '<rss><channel><item><description><p>x</p></description></item></channel></rss>',
      '<rss><channel><item/></channel></rss>',
      '<rss><channel><title>T</title></channel><channel><title>U</title></channel></rss>',
      '<rss><channel><title>T</title><item><title>A</title></item></channel>',
      '<rss><channel><item><_>x</_></item></channel></rss>',
    ]) {
      expect(readSimpleRss(doc)).toBeNull();
    }
  });
});
