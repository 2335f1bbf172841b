import { describe, expect, it } from 'vitest';
import { buildFeed } from '../bench/feed.js';
import type { RawItem } from '../src/core/item.js';
import { normalizeItem } from '../src/pipeline/normalize/normalize-item.js';
import { decodeAs, utf8Pieces } from '../src/pipeline/parse/decode.js';
import { parseFeed, readFeed } from '../src/pipeline/parse/parse-feed.js';
import { seededRandom } from './helpers/seeded-random.js';

const NOW = new Date('2026-12-01T00:00:00Z');
const FEED = { url: 'https://feed.example.com/rss' };

/** The whole output of reading a body with readFeed, normalizing each batch, and how many batches it took. */
async function streamed(body: Buffer, contentType: string | null): Promise<{ output: string; batches: number; mapped: number }> {
  let batches = 0;
  let mapped = 0;
  const read = await readFeed(body, contentType, (raws: RawItem[]) => {
    batches += 1;
    mapped += raws.length;
    return raws.map((raw) => ({ raw, item: normalizeItem(raw, FEED, NOW) }));
  });
  if (!read.ok) return { output: JSON.stringify(read), batches, mapped };
  const { results, ...feed } = read.value;
  return { output: JSON.stringify({ feed, results }), batches, mapped };
}

/** The same, from the whole document read by rss-parser alone (the reference). */
async function reference(body: Buffer, contentType: string | null): Promise<string> {
  const parsed = await parseFeed(body, contentType, { rssParserOnly: true });
  if (!parsed.ok) return JSON.stringify(parsed);
  const { items, ...feed } = parsed.value;
  return JSON.stringify({ feed, results: items.map((raw) => ({ raw, item: normalizeItem(raw, FEED, NOW) })) });
}

describe('UTF-8 decoded in pieces', () => {
  it('joins to the one-pass decoding, and cuts only before a "<", on 3,000 valid, cut and corrupted byte strings', () => {
    const { next, pick } = seededRandom(5);
    const chunks = ['<p>', 'abc ', 'تهران', '中国', '😀', '\u00e9', '<', '\ufeff'].map((s) => Buffer.from(s));
    const bad = [Buffer.from([0xe2, 0x82]), Buffer.from([0xff]), Buffer.from([0xc3]), Buffer.from([0xf0, 0x9f, 0x98]), Buffer.from([0x80])];
    for (let n = 0; n < 3000; n += 1) {
      const parts: Buffer[] = [];
      for (let i = Math.floor(next() * 200); i > 0; i -= 1) parts.push(next() < 0.1 ? pick(bad) : pick(chunks));
      const body = Buffer.concat(parts);
      const size = 1 + Math.floor(next() * 40);
      const pieces = [...utf8Pieces(body, size)];
      expect(pieces.join('')).toBe(decodeAs(body, 'utf-8'));
      for (const piece of pieces.slice(1)) expect(piece.startsWith('<')).toBe(true);
    }
  });
});

describe('a large plain RSS document read in pieces', () => {
  const feed = buildFeed(250).toString('latin1');
  const lastItemEnd = feed.lastIndexOf('</item>');
  const late = (text: string): string => feed.slice(0, lastItemEnd) + text + feed.slice(lastItemEnd);
  const variants: Record<string, string> = {
    plain: feed,
    bom: `\xef\xbb\xbf${feed}`,
    leadingSpace: `\n  ${feed}`,
    noDeclaration: feed.slice(feed.indexOf('?>') + 2),
    declaredUtf8Alias: feed.replace('encoding="UTF-8"', 'encoding="utf8"'),
    rootLanguage: feed.replace('<rss version="2.0"', '<rss xml:lang="es" version="2.0"'),
    channelLanguageAttribute: feed.replace('<channel>', '<channel xml:lang="ru">'),
    earlyLanguage: feed.replace('<link>https://news.example.com/</link>', '<link>https://news.example.com/</link><language>ar</language>'),
    lateLanguage: feed.replace('</channel></rss>', '<language>fa</language></channel></rss>'),
    lateBlankLanguage: feed.replace('</channel></rss>', '<language> </language><dc:language>ru</dc:language></channel></rss>'),
    lateTitle: feed.replace('<title>Bench</title>', '').replace('</channel></rss>', '<title>Late</title></channel></rss>'),
    entities: feed.replace(/#(\d*7)<\/title>/g, '#$1 &nbsp;&mdash;&amp;&eacute;</title>'),
    invalidUtf8: feed.replace(/<\/p>/g, (m, at: number) => (at % 5 === 0 ? '\xf0\x9f\x98' : at % 5 === 1 ? '\x80' : '') + m),
    secondChannel: feed.replace('</channel></rss>', '</channel><channel><title>Two</title><item><title>y</title></item></channel></rss>'),
    fieldWithElements: late('<summary><b>x</b></summary>'),
    emptyItem: feed.replace('</channel></rss>', '<item></item></channel></rss>'),
    longComment: feed.replace('<item>', `<!--${'c <p> '.repeat(20_000)}--><item>`),
    lateXmlError: `${feed.slice(0, lastItemEnd)}</itm>${feed.slice(lastItemEnd + 7)}`,
    unknownEntity: late('<author>A&zork;B</author>'),
    truncated: feed.slice(0, Math.floor(feed.length * 0.9)),
    trailingText: `${feed}trailing`,
    declaredLatin1: feed.replace('encoding="UTF-8"', 'encoding="windows-1252"'),
    rdf: feed.replace('<rss version="2.0"', '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"').replace('</rss>', '</rdf:RDF>'),
  };

  it('gives the same feed, items and errors as rss-parser reading it whole, batch by batch where it can', async () => {
    const inPieces: string[] = [];
    for (const [name, text] of Object.entries(variants)) {
      for (const contentType of name === 'plain' || name === 'declaredLatin1' ? [null, 'text/xml; charset=windows-1252'] : [null]) {
        const body = Buffer.from(text, 'latin1');
        const read = await streamed(body, contentType);
        expect(read.output, name).toBe(await reference(body, contentType));
        if (read.batches > 1) inPieces.push(name);
      }
    }
    expect(new Set(inPieces)).toEqual(
      new Set([
        'plain',
        'bom',
        'leadingSpace',
        'noDeclaration',
        'declaredUtf8Alias',
        'rootLanguage',
        'channelLanguageAttribute',
        'earlyLanguage',
        'lateLanguage',
        'lateBlankLanguage',
        'lateTitle',
        'entities',
        'invalidUtf8',
        'secondChannel',
        'fieldWithElements',
        'emptyItem',
        'lateXmlError',
        'unknownEntity',
        'truncated',
        'trailingText',
      ]),
    );
  });

  it('drops what it handed out when the document must be read whole, and passes on what the batch function throws', async () => {
    const lateLanguage = await streamed(Buffer.from(variants['lateLanguage'] ?? '', 'latin1'), null);
    expect(lateLanguage.mapped).toBe(500);
    const failure = new Error('store down');
    await expect(readFeed(Buffer.from(feed, 'latin1'), null, () => Promise.reject(failure))).rejects.toBe(failure);
  });
});
