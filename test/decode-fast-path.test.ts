import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeAs } from '../src/pipeline/parse/decode.js';
import { seededRandom } from './helpers/seeded-random.js';

/** Deterministic byte strings: valid UTF-8 in several scripts, cut and corrupted at random places, BOMs. */
function buffers(count: number): Buffer[] {
  const { next } = seededRandom(5);
  const words = ['news', 'خبر', '新闻', 'tin tức', 'новости', '\u{1F4F0}', '\uFEFF', 'é'];
  const result: Buffer[] = [];
  for (let i = 0; i < count; i += 1) {
    const text = Array.from({ length: 1 + Math.floor(next() * 12) }, () => words[Math.floor(next() * words.length)]).join(' ');
    const bytes = Buffer.from(next() < 0.2 ? `\uFEFF${text}` : text);
    for (let k = Math.floor(next() * 3); k > 0; k -= 1) bytes[Math.floor(next() * bytes.length)] = Math.floor(next() * 256);
    result.push(next() < 0.3 ? bytes.subarray(0, Math.floor(next() * bytes.length)) : bytes);
  }
  return result;
}

describe('UTF-8 decoding without iconv-lite', () => {
  it('gives exactly what iconv-lite gives, on 20,000 valid, cut and corrupted byte strings', () => {
    let replaced = 0;
    for (const bytes of buffers(20_000)) {
      const expected = iconv.decode(bytes, 'utf-8');
      expect(decodeAs(bytes, 'utf-8')).toBe(expected);
      if (expected.includes('\uFFFD')) replaced += 1;
    }
    expect(replaced).toBeGreaterThan(1000);
  });

  it('leaves other encodings to iconv-lite', () => {
    const bytes = iconv.encode('خبر عاجل', 'windows-1256');
    expect(decodeAs(bytes, 'windows-1256')).toBe('خبر عاجل');
  });
});
