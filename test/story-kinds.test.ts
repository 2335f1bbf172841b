import { describe, expect, it } from 'vitest';
import { storySchema } from '../src/config/story-schema.js';
import { extractCandidates } from '../src/pipeline/detect/extract.js';
import { compileStory } from '../src/pipeline/match/compile-story.js';
import { matchItem } from '../src/pipeline/match/match-item.js';

/** A story told in Georgian and Armenian, with a kind of its own: everything is configuration. */
const story = compileStory(
  storySchema.parse({
    id: 'quake-2031',
    title: 'Earthquake in the Caucasus',
    description: 'A made-up story for the test.',
    window: { from: '2031-03-01' },
    sides: [
      { id: 'georgia', label: 'Georgia' },
      { id: 'armenia', label: 'Armenia' },
    ],
    entities: [
      { id: 'georgia', label: 'Georgia', kind: 'country', side: 'georgia', countries: ['GE'] },
      // Georgian declines the name ("სომხეთში", in Armenia): the stem comes from the story.
      { id: 'armenia', label: 'Armenia', kind: 'country', side: 'armenia', countries: ['AM'], names: { ka: ['სომხეთ'] } },
    ],
    events: {
      kinds: ['earthquake', 'casualties'],
      cues: { casualties: { ka: ['დაიღუპა'] } },
      define: { earthquake: { label: 'earthquake', family: 'disaster', rank: 2, cues: { ka: ['მიწისძვრ'], hy: ['երկրաշարժ'] } } },
    },
    threshold: 0.5,
  }),
);
const published = new Date('2031-03-04T08:00:00Z');

describe('kinds a story declares', () => {
  it("are read in languages the base taxonomy has no words for, with the story's label", () => {
    const m = matchItem(story, { title: 'მიწისძვრა საქართველოსა და სომხეთში', text: 'ათი ადამიანი დაიღუპა.', published, lang: 'ka' });
    expect(m.reasons).toContain('event: earthquake, casualties');
    expect(m.matched).toBe(true);
    const kinds = extractCandidates(m.analysis, published).map((c) => c.kind);
    expect(kinds).toContain('earthquake');
    expect(story.taxonomy.get('earthquake')).toMatchObject({ family: 'disaster', standalone: true });
    expect(story.taxonomy.get('casualties')?.family).toBe('military');
  });

  it('leave an item in a language without cue words to its names and dates', () => {
    const m = matchItem(story, { title: 'Gruzja i Armenia: wspólne ćwiczenia', text: '', published, lang: 'pl' });
    expect(m.reasons[0]).toMatch(/^sides: Georgia \(title: Georgia\); Armenia \(title: Armenia\)/);
    expect(m.reasons).toContain('no event cue');
    expect(m.reasons).toContain('in window (2031-03-04)');
  });

  it("are the story's own: another story compiled from the base has no such kind", () => {
    const other = compileStory(storySchema.parse({ ...story.config, id: 'other', events: { kinds: ['casualties'] } }));
    expect(other.taxonomy.has('earthquake')).toBe(false);
    expect(other.taxonomy.has('military_strike')).toBe(true);
  });
});
