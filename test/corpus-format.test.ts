import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';

/**
 * Format of the real labeled corpus (issue 12, shared/design/LABELING.md): one JSON line per published item,
 * with provenance, a hash id and a split fixed by that hash.
 */
const CORPUS_DIR = path.resolve(__dirname, 'fixtures/corpus');
const STORIES_DIR = path.resolve(__dirname, '../config/stories');

const LABELS = ['in_cluster', 'near_miss', 'off_topic'] as const;
const TITLE_SOURCES = ['page', 'url_slug', 'none'] as const;
const SPLITS = ['dev', 'test'] as const;
const REQUIRED = ['id', 'lang', 'title', 'title_source', 'summary', 'published', 'source_url', 'label', 'split'] as const;
const ALLOWED = new Set<string>([...REQUIRED, 'developments', 'note', 'hard']);

const sha1 = (s: string) => createHash('sha1').update(s, 'utf8').digest('hex');
/** The fixed rule: first hex digit of SHA-1(source_url) 0–3 → test, else dev. */
const ruleSplit = (url: string) => (parseInt(sha1(url)[0]!, 16) <= 3 ? 'test' : 'dev');

function isRealDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname.length > 0;
  } catch {
    return false;
  }
}

type Item = Record<string, unknown>;
interface Line {
  n: number;
  raw: string;
}

const files = existsSync(CORPUS_DIR)
  ? readdirSync(CORPUS_DIR)
      .filter((f) => f.endsWith('.jsonl'))
      .sort()
  : [];

function linesOf(file: string): Line[] {
  return readFileSync(path.join(CORPUS_DIR, file), 'utf8')
    .split('\n')
    .map((raw, i) => ({ n: i + 1, raw }))
    .filter((l) => l.raw.trim() !== '');
}

/** The lines that parse as JSON objects (the others are reported by the parse test alone). */
function parsed(file: string): { n: number; item: Item }[] {
  return linesOf(file).flatMap(({ n, raw }) => {
    try {
      const v: unknown = JSON.parse(raw);
      return typeof v === 'object' && v !== null && !Array.isArray(v) ? [{ n, item: v as Item }] : [];
    } catch {
      return [];
    }
  });
}

/** Side ids of the story the file is named after, when that story's config exists. */
function sidesOf(file: string): Set<string> | null {
  const cfg = path.join(STORIES_DIR, file.replace(/\.jsonl$/, '.yml'));
  if (!existsSync(cfg)) return null;
  const story = parseYaml(readFileSync(cfg, 'utf8')) as { sides?: { id: string }[] };
  return new Set((story.sides ?? []).map((s) => s.id));
}

/** Problems of one item, as readable strings (an empty list is a valid item). */
function problems(item: Item, sides: Set<string> | null): string[] {
  const out: string[] = [];
  for (const key of REQUIRED) if (!(key in item)) out.push(`missing ${key}`);
  for (const key of Object.keys(item)) if (!ALLOWED.has(key)) out.push(`unknown key ${key}`);

  const { id, lang, title, title_source, summary, published, source_url, label, split } = item;
  if (typeof id !== 'string' || !/^[a-z0-9]+-[0-9a-f]{10}$/.test(id)) out.push(`id ${JSON.stringify(id)} is not prefix-<10 hex>`);
  if (typeof lang !== 'string' || !/^[a-z]{2}$/.test(lang)) out.push(`lang ${JSON.stringify(lang)} is not ISO 639-1`);
  if (!(title === null || (typeof title === 'string' && title.trim() !== ''))) out.push('title is neither null nor a non-empty string');
  if (!TITLE_SOURCES.includes(title_source as never)) out.push(`title_source ${JSON.stringify(title_source)}`);
  if (title === null && title_source !== 'none') out.push('title null but title_source is not "none"');
  if (title !== null && title_source === 'none') out.push('title given but title_source is "none"');
  if (typeof summary !== 'string' || summary.trim() === '') out.push('summary empty or not a string');
  if (!(published === null || (typeof published === 'string' && isRealDate(published))))
    out.push(`published ${JSON.stringify(published)} is not YYYY-MM-DD or null`);
  if (typeof source_url !== 'string' || !isHttpUrl(source_url)) out.push(`source_url ${JSON.stringify(source_url)} is not an http(s) URL`);
  if (!LABELS.includes(label as never)) out.push(`label ${JSON.stringify(label)}`);
  if (!SPLITS.includes(split as never)) out.push(`split ${JSON.stringify(split)}`);
  if ('note' in item && typeof item.note !== 'string') out.push('note is not a string');
  if ('hard' in item) {
    if (typeof item.hard !== 'boolean') out.push('hard is not a boolean');
    if (label !== 'near_miss') out.push('hard set on an item that is not a near_miss');
  }

  if ('developments' in item) {
    if (label !== 'in_cluster') out.push('developments on an item that is not in_cluster');
    const devs = item.developments;
    if (!Array.isArray(devs)) out.push('developments is not an array');
    else {
      devs.forEach((d: unknown, i) => {
        const dev = d as Record<string, unknown>;
        if (typeof dev !== 'object' || dev === null) return void out.push(`developments[${i}] is not an object`);
        if (typeof dev.kind !== 'string' || !/^[a-z]+(_[a-z]+)*$/.test(dev.kind))
          out.push(`developments[${i}].kind ${JSON.stringify(dev.kind)} is not snake_case`);
        if (!(dev.date === null || (typeof dev.date === 'string' && isRealDate(dev.date)))) out.push(`developments[${i}].date ${JSON.stringify(dev.date)}`);
        if (!Array.isArray(dev.actors) || !dev.actors.every((a) => typeof a === 'string')) out.push(`developments[${i}].actors is not a list of strings`);
        else if (sides) for (const a of dev.actors) if (!sides.has(a as string)) out.push(`developments[${i}] actor ${a} is not a side of the story`);
      });
    }
  }
  return out;
}

describe('corpus files (test/fixtures/corpus/*.jsonl)', () => {
  it('exist', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const file of files) {
    describe(file, () => {
      it('every line parses as a JSON object', () => {
        const bad: string[] = [];
        for (const { n, raw } of linesOf(file)) {
          try {
            const v: unknown = JSON.parse(raw);
            if (typeof v !== 'object' || v === null || Array.isArray(v)) bad.push(`line ${n}: not an object`);
          } catch (e) {
            bad.push(`line ${n}: ${(e as Error).message}`);
          }
        }
        expect(bad).toEqual([]);
      });

      it('every item has the required fields with the right types', () => {
        const sides = sidesOf(file);
        const bad = parsed(file).flatMap(({ n, item }) => problems(item, sides).map((p) => `line ${n}: ${p}`));
        expect(bad).toEqual([]);
      });

      it('id is one prefix + the first 10 hex of SHA-1(source_url)', () => {
        const items = parsed(file);
        const bad: string[] = [];
        const prefixes = new Set<string>();
        for (const { n, item } of items) {
          const id = String(item.id);
          const url = String(item.source_url);
          const m = /^([a-z0-9]+-)([0-9a-f]{10})$/.exec(id);
          if (!m) {
            bad.push(`line ${n}: malformed id ${id}`);
            continue;
          }
          prefixes.add(m[1]!);
          if (m[2] !== sha1(url).slice(0, 10)) bad.push(`line ${n}: id ${id} ≠ ${m[1]}${sha1(url).slice(0, 10)}`);
        }
        expect(bad).toEqual([]);
        expect([...prefixes].length, `prefixes used: ${[...prefixes].join(', ')}`).toBeLessThanOrEqual(1);
      });

      it('split follows the rule (first SHA-1 hex 0–3 → test), except copies that follow their earliest copy', () => {
        const items = parsed(file);
        const byId = new Map(items.map(({ item }) => [String(item.id), item]));
        const bad: string[] = [];
        for (const { n, item } of items) {
          const url = String(item.source_url);
          if (item.split === ruleSplit(url)) continue;
          // A republished copy may take the split of its earliest copy; its note must name that item's id.
          const note = typeof item.note === 'string' ? item.note : '';
          const named = [...note.matchAll(/\b[a-z0-9]+-[0-9a-f]{10}\b/g)].map((m) => m[0]).filter((x) => x !== item.id);
          const earliest = named.map((x) => byId.get(x)).find((o) => o !== undefined && o.split === item.split);
          if (!earliest)
            bad.push(`line ${n}: split ${String(item.split)} but the rule gives ${ruleSplit(url)} and the note names no earlier copy in that split`);
        }
        expect(bad).toEqual([]);
      });

      it('has no duplicate source_url or id', () => {
        const items = parsed(file);
        const seen = (key: string) => {
          const counts = new Map<string, number>();
          for (const { item } of items) counts.set(String(item[key]), (counts.get(String(item[key])) ?? 0) + 1);
          return [...counts].filter(([, c]) => c > 1).map(([v]) => v);
        };
        expect(seen('source_url')).toEqual([]);
        expect(seen('id')).toEqual([]);
      });
    });
  }

  it('ids are unique across all files', () => {
    const counts = new Map<string, string[]>();
    for (const file of files) for (const { item } of parsed(file)) counts.set(String(item.id), [...(counts.get(String(item.id)) ?? []), file]);
    expect([...counts].filter(([, fs]) => fs.length > 1)).toEqual([]);
  });
});
