import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from './helpers/cli.js';
import type { DetectionScores } from '../src/cli/score-detection.js';

/**
 * `storywatch eval` on the real corpus (issue 12, docs/decisions/012-real-corpus.md): the test splits
 * are measured through the built CLI, every figure on exactly the split's items, and the corpus files
 * cannot change without a decision record. No F1 threshold yet: the figures are printed.
 */
const CORPUS_DIR = path.resolve(__dirname, 'fixtures/corpus');
const DECISIONS_DIR = path.resolve(__dirname, '../docs/decisions');
const FILES = readdirSync(CORPUS_DIR)
  .filter((f) => f.endsWith('.jsonl'))
  .sort();

interface CorpusLine {
  label: string;
  split: string;
  lang: string;
  hard?: boolean;
  developments?: { kind: string; date: string | null }[];
}

const linesOf = (file: string): CorpusLine[] =>
  readFileSync(path.join(CORPUS_DIR, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as CorpusLine);

const countBy = <T>(list: T[], key: (t: T) => string): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const t of list) out[key(t)] = (out[key(t)] ?? 0) + 1;
  return out;
};

/** The pinned hashes: `<sha256>  <file>` lines of SHA256SUMS, comments left out. */
function manifest(): Map<string, string> {
  const text = readFileSync(path.join(CORPUS_DIR, 'SHA256SUMS'), 'utf8');
  const entries = text
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'))
    .map((l) => {
      const m = /^([0-9a-f]{64}) {2}(\S+)$/.exec(l);
      if (!m) throw new Error(`SHA256SUMS: bad line "${l}"`);
      return [m[2]!, m[1]!] as const;
    });
  return new Map(entries);
}

describe('corpus hashes (test/fixtures/corpus/SHA256SUMS)', () => {
  const pinned = manifest();
  const decisions = readdirSync(DECISIONS_DIR)
    .filter((f) => f.endsWith('.md'))
    .map((f) => readFileSync(path.join(DECISIONS_DIR, f), 'utf8'))
    .join('\n');

  it('lists every corpus file, and nothing else', () => {
    expect([...pinned.keys()].sort()).toEqual(FILES);
  });

  for (const file of FILES) {
    it(`${file} has the pinned hash (a change needs a new decision record and a new SHA256SUMS line)`, () => {
      const actual = createHash('sha256')
        .update(readFileSync(path.join(CORPUS_DIR, file)))
        .digest('hex');
      expect(actual, `${file} changed: write a decision record in docs/decisions/ that says why and cites the new hash`).toBe(pinned.get(file));
    });
  }

  it('every pinned hash is cited by a decision record', () => {
    for (const [file, hash] of pinned) expect(decisions.includes(hash), `${file}: hash ${hash} is cited by no record in docs/decisions/`).toBe(true);
  });
});

/** What `eval --json` prints (the part this test reads). */
interface EvalJson {
  story: string;
  split: string | null;
  items: number;
  rejected: number;
  otherSplit: number;
  overall: { n: number; tp: number; fp: number; fn: number; tn: number; precision: number; recall: number; f1: number };
  byLanguage: Record<string, { n: number; f1: number }>;
  byLabel: Record<string, { n: number; tp: number; fp: number; fn: number }>;
  hardNearMisses: { matched: number; total: number; ids: string[] };
  developments: (DetectionScores & { spuriousAlertsPer100Items: number; spuriousEntriesPer10Developments: number }) | null;
}

const share = (x: number) => expect(x >= 0 && x <= 1, `${x} is a share`).toBe(true);

for (const file of FILES) {
  const story = file.replace(/\.jsonl$/, '');
  const input = path.join('test', 'fixtures', 'corpus', file);

  describe(`storywatch eval --split test on ${file}`, () => {
    const all = linesOf(file);
    const test = all.filter((l) => l.split === 'test');
    let json: EvalJson;
    let text: CliResult;

    beforeAll(async () => {
      const [j, t] = await Promise.all([
        runCli(['eval', '--story', story, '--input', input, '--split', 'test', '--json']),
        runCli(['eval', '--story', story, '--input', input, '--split', 'test']),
      ]);
      expect(j.err).toBe('');
      expect(j.code).toBe(0);
      json = JSON.parse(j.out) as EvalJson;
      text = t;
    });

    it('reads every test line (none rejected) and passes over the dev lines', () => {
      expect(json.split).toBe('test');
      expect(json.rejected).toBe(0);
      expect(json.items).toBe(test.length);
      expect(json.otherSplit).toBe(all.length - test.length);
    });

    it('scores each label on exactly the split’s items of that label, and every language', () => {
      const labels = countBy(test, (l) => l.label);
      expect(Object.fromEntries(Object.entries(json.byLabel).map(([k, s]) => [k, s.n]))).toEqual(labels);
      expect(json.overall.tp + json.overall.fn).toBe(labels.in_cluster);
      expect(json.overall.fp + json.overall.tn).toBe(test.length - labels.in_cluster!);
      expect(Object.fromEntries(Object.entries(json.byLanguage).map(([k, s]) => [k, s.n]))).toEqual(countBy(test, (l) => l.lang));
      for (const s of [json.overall, ...Object.values(json.byLanguage)]) share(s.f1);
    });

    it('counts the hard near misses matched, k of n', () => {
      expect(json.hardNearMisses.total).toBe(test.filter((l) => l.label === 'near_miss' && l.hard === true).length);
      expect(json.hardNearMisses.total).toBeGreaterThan(0);
      expect(json.hardNearMisses.ids).toHaveLength(json.hardNearMisses.matched);
      expect(json.hardNearMisses.matched).toBeLessThanOrEqual(json.hardNearMisses.total);
    });

    it('measures development detection on the split, undated labels counted apart', () => {
      const d = json.developments;
      expect(d).not.toBeNull();
      expect(d!.items).toBe(test.length);
      const labeled = test.filter((l) => l.label === 'in_cluster').flatMap((l) => l.developments ?? []);
      expect(d!.undatedLabels).toBe(labeled.filter((x) => x.date === null).length);
      expect(d!.trueDevelopments).toBeGreaterThan(0);
      expect(d!.trueDevelopments).toBeLessThanOrEqual(labeled.length - d!.undatedLabels);
      for (const x of [d!.alertedShare, d!.dateAccuracy]) share(x);
      expect(d!.spuriousEntries).toBeLessThanOrEqual(d!.timelineEntries);
      expect(d!.spuriousEntriesPer10Developments).toBeCloseTo((d!.spuriousEntries * 10) / d!.trueDevelopments, 9);
      expect(d!.spuriousAlertsPer100Items).toBeCloseTo((d!.spurious * 100) / test.length, 9);
      expect(d!.redundantPerDevelopment).toBeGreaterThanOrEqual(0);
    });

    it('prints the same figures as a report whose last line is the F1 line', () => {
      expect(text.code).toBe(0);
      expect(text.err).toBe('');
      expect(text.out).toContain(`on ${test.length} labeled items (split test; ${all.length - test.length} lines of other splits passed over)`);
      expect(text.out).toContain(`hard near misses matched: ${json.hardNearMisses.matched} of ${json.hardNearMisses.total}`);
      const last = text.out.trim().split('\n').at(-1) ?? '';
      const o = json.overall;
      expect(last).toBe(`F1=${o.f1.toFixed(3)} P=${o.precision.toFixed(3)} R=${o.recall.toFixed(3)}`);
      const d = json.developments!;
      console.log(
        `${story} test: ${last}; hard near misses ${json.hardNearMisses.matched}/${json.hardNearMisses.total}; ` +
          `alerted ${(d.alertedShare * 100).toFixed(1)}% of ${d.trueDevelopments}; redundant ${d.redundantPerDevelopment.toFixed(2)}; ` +
          `spurious ${d.spuriousEntriesPer10Developments.toFixed(2)}/10 developments, ${d.spuriousAlertsPer100Items.toFixed(2)} alerts/100 items; date accuracy ${(d.dateAccuracy * 100).toFixed(1)}%`,
      );
    });
  });
}

describe('storywatch eval --split', () => {
  it('refuses a split that is not dev or test, with a code', async () => {
    const r = await runCli(['eval', '--story', 'iran-pakistan-2024', '--input', path.join('test', 'fixtures', 'corpus', FILES[0]!), '--split', 'train']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('storywatch: EVAL_BAD_SPLIT: --split must be dev or test, not "train"\n');
  });

  it('finds nothing to evaluate in a set without splits, and says so', async () => {
    const r = await runCli(['eval', '--story', 'iran-pakistan-2024', '--input', 'test/fixtures/eval/iran-pakistan-2024.jsonl', '--split', 'test']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('EVAL_EMPTY: no labeled item to evaluate in split test');
  });
});
