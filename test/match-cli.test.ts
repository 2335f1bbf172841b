import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const CLI = [path.resolve('dist/src/cli.js')];
const run = (args: string[], input?: string) => {
  const r = spawnSync(process.execPath, [...CLI, ...args], { encoding: 'utf8', input, env: { ...process.env, LOG_LEVEL: 'silent' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe('storywatch match', () => {
  it('writes one decision per valid line, in order, and reports bad lines on stderr', () => {
    const input = [
      JSON.stringify({
        id: 'a',
        title: 'باكستان تستدعي سفيرها من طهران',
        summary: 'استدعت باكستان سفيرها لدى إيران احتجاجاً على الضربة.',
        published: '2024-01-17T08:00:00Z',
      }),
      '{"id": "broken", "title": ',
      JSON.stringify({ id: 2, title: 'Iran win the Asian Cup group', lang: 'en' }),
      JSON.stringify({ title: 'no id' }),
      JSON.stringify({ id: 'late', title: 'Pakistan and Iran trade strikes', published: 'not a date' }),
      '',
      JSON.stringify({ id: 'c', title: '巴基斯坦对伊朗境内目标发动空袭' }),
    ].join('\n');
    const r = run(['match', '--story', 'iran-pakistan-2024', '--input', '-'], input);
    expect(r.code).toBe(0);
    const lines = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; matched: boolean; score: number; lang: string; reasons: string[] });
    expect(lines.map((l) => [l.id, l.matched, l.lang])).toEqual([
      ['a', true, 'ar'],
      ['2', false, 'en'],
      ['c', true, 'zh'],
    ]);
    expect(Object.keys(lines[0] ?? {})).toEqual(['id', 'matched', 'score', 'lang', 'reasons']);
    expect(lines[0]?.reasons[0]).toMatch(/^sides: Iran \(title: Iran, Tehran\); Pakistan \(title: Pakistan/);
    expect(r.err).toContain('-:2: INPUT_INVALID: not JSON');
    expect(r.err).toContain('-:4: INPUT_INVALID: id: ');
    expect(r.err).toContain('-:5: INPUT_BAD_DATE: published: "not a date" is not a date; line skipped');
  });

  it('refuses an unknown story, naming the configured ones', () => {
    const r = run(['match', '--story', 'nope', '--input', '-'], '');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/STORY_NOT_FOUND: Unknown story "nope"; configured: iran-pakistan-2024, nagorno-karabakh-2023/);
  });
});

describe('storywatch eval', () => {
  it('prints precision, recall and F1 overall, by language and label, the errors, and the F1 line last', () => {
    const r = run(['eval', '--story', 'iran-pakistan-2024', '--input', 'test/fixtures/eval/iran-pakistan-2024.jsonl']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^overall\s+209\s/m);
    for (const lang of ['ar', 'fa', 'ur', 'zh', 'vi', 'ru', 'tr', 'fr', 'es', 'de', 'hi', 'id', 'pt'])
      expect(r.out).toMatch(new RegExp(`^  ${lang}\\s+\\d+`, 'm'));
    expect(r.out).toMatch(/^ {2}near_miss\s+71\s/m);
    expect(r.out).toMatch(/^False positives \(\d+\):$/m);
    expect(r.out).toMatch(/^False negatives \(\d+\):\n {2}ip-\d+ \[\w+, in_cluster\] /m);
    expect(r.out).toMatch(/^hard near misses matched: \d+ of \d+/m);
    expect(r.out).toMatch(
      /^Development detection \(the set replayed in publication order\):\n {2}true developments \d+\n {2}alerted \d+\.\d%; redundant alerts per development \d\.\d\d; alerts matching no true development \d+ \(\d+\.\d\d per 100 items\)\n {2}timeline entries \d+; matching no true development \d+ \(\d+\.\d\d per 10 true developments\)\n {2}date accuracy \d+\.\d% of \d+ labeled developments found$/m,
    );
    const last = r.out.trim().split('\n').at(-1) ?? '';
    expect(last).toMatch(/^F1=0\.\d{3} P=\d\.\d{3} R=\d\.\d{3}$/);
    expect(Number(last.slice(3, 8))).toBeGreaterThanOrEqual(0.95);
  });
});
