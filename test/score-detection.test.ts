import { describe, expect, it } from 'vitest';
import { scoreDetection, type Reported } from '../src/cli/score-detection.js';
import type { LabeledDevelopment } from '../src/cli/jsonl-input.js';
import { baseTaxonomy } from '../src/taxonomy/base-taxonomy.js';

const base = baseTaxonomy();

const labels = (entries: Record<string, LabeledDevelopment[]>) => new Map(Object.entries(entries));
const detected = (entries: Record<string, Reported[]>) => new Map(Object.entries(entries));

/** Detection scoring with kinds outside the taxonomy and undated labels (docs/decisions/012-real-corpus.md). */
describe('scoreDetection', () => {
  it('counts a development of an unknown kind as true: missing it is a miss', () => {
    const s = scoreDetection(
      labels({ a: [{ kind: 'military_strike', date: '2023-09-19' }], b: [{ kind: 'displacement', date: '2023-09-25' }] }),
      detected({ a: [{ kind: 'military_strike', date: '2023-09-19' }] }),
      [{ kind: 'military_strike', date: '2023-09-19' }],
      [{ kind: 'military_strike', date: '2023-09-19' }],
      base,
    );
    expect(s.trueDevelopments).toBe(2);
    expect(s.unknownKindDevelopments).toBe(1);
    expect(s.alertedShare).toBe(0.5);
    expect(s.spurious).toBe(0);
  });

  it('lets an unknown kind be reported by a detection of any family within a day, but a known family only by its own', () => {
    const truth = labels({ a: [{ kind: 'explosion', date: '2023-09-25' }], b: [{ kind: 'agreement', date: '2023-09-20' }] });
    const alerts: Reported[] = [
      { kind: 'military_strike', date: '2023-09-26' },
      { kind: 'military_strike', date: '2023-09-20' },
      { kind: 'visit', date: '2023-09-28' },
    ];
    const s = scoreDetection(truth, detected({}), alerts, alerts, base);
    expect(s.alertedShare).toBe(0.5);
    expect(s.spurious).toBe(2);
    expect(s.spuriousEntries).toBe(2);
    expect(s.timelineEntries).toBe(3);
  });

  it('leaves undated labels and kinds that join a development out of the true developments and the date accuracy', () => {
    const s = scoreDetection(
      labels({
        a: [
          { kind: 'military_strike', date: '2024-01-16' },
          { kind: 'casualties', date: '2024-01-16' },
          { kind: 'diplomatic_protest', date: null },
        ],
        b: [{ kind: 'military_strike', date: '2024-01-17' }],
      }),
      detected({ a: [{ kind: 'military_strike', date: '2024-01-16' }], b: [{ kind: 'military_strike', date: '2024-01-16' }] }),
      [{ kind: 'military_strike', date: '2024-01-16' }],
      [{ kind: 'military_strike', date: '2024-01-16' }],
      base,
    );
    expect(s.trueDevelopments).toBe(1);
    expect(s.undatedLabels).toBe(1);
    expect(s.dateChecked).toBe(2);
    expect(s.dateAccuracy).toBe(0.5);
  });
});
