import { describe, expect, it } from 'vitest';
import { evaluateDevelopments } from '../src/cli/eval-developments.js';
import { extractCandidates } from '../src/pipeline/detect/extract.js';
import { matchItem } from '../src/pipeline/match/match-item.js';
import { bundledStory, labeledSet } from './helpers/stories.js';

const scores = (file: string) => {
  const story = bundledStory(file.replace('.jsonl', ''));
  return evaluateDevelopments(story, labeledSet(file).map(({ line, item }) => ({ id: line.id, item, developments: line.developments ?? [] })));
};

/** Development detection on the labeled sets, replayed in publication order (the figures `eval` prints). */
describe('development detection on the labeled sets', () => {
  it('alerts most true Iran–Pakistan developments once, with their dates', async () => {
    const s = await scores('iran-pakistan-2024.jsonl');
    expect(s.trueDevelopments).toBe(8);
    expect(s.alertedShare).toBeGreaterThanOrEqual(0.875);
    expect(s.redundantPerDevelopment).toBeLessThanOrEqual(0.15);
    expect(s.spurious).toBeLessThanOrEqual(2);
    expect(s.dateAccuracy).toBeGreaterThanOrEqual(0.85);
  });

  it('dates the Nagorno-Karabakh developments: the ceasefire is not swallowed by a visit the day before', async () => {
    const s = await scores('nagorno-karabakh-2023.jsonl');
    expect(s.alertedShare).toBeGreaterThanOrEqual(0.66);
    expect(s.spurious).toBe(0);
    expect(s.dateAccuracy).toBeGreaterThanOrEqual(0.85);
  });

  it('reads Arabic "وزارة" (ministry) as no visit, and "زار" (visited) as one', () => {
    const story = bundledStory('nagorno-karabakh-2023');
    const offensive = labeledSet('nagorno-karabakh-2023.jsonl').find(({ line }) => line.id === 'nk-073');
    expect(offensive).toBeDefined();
    const kinds = (item: NonNullable<typeof offensive>['item']) => extractCandidates(matchItem(story, item).analysis, item.published).map((c) => c.kind);
    expect(kinds(offensive!.item)).toContain('military_strike');
    expect(kinds(offensive!.item)).not.toContain('visit');
    const visited = { ...offensive!.item, title: 'وزير الخارجية الأذربيجاني زار يريفان', text: 'وزار رئيس وزراء أرمينيا باكو الثلاثاء.' };
    expect(kinds(visited)).toContain('visit');
  });
});
