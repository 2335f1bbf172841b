import type { EventKind } from '../../core/event-kinds.js';
import { foldText } from '../../core/text/fold.js';
import type { CompiledStory } from './compile-story.js';

/** What a piece of text names of a story: kinds of event and sides, each once, in order of first mention. */
export interface TextSignals {
  kinds: EventKind[];
  sides: string[];
}

/**
 * Reads a sentence, clause or question with a story's own names and cue words (of `lang`): the
 * kinds of event it names and the sides its names stand for. The public way for later stages and
 * read models to read text as the matcher does.
 */
export function readSignals(story: CompiledStory, text: string, lang: string): TextSignals {
  const kinds: EventKind[] = [];
  const sides: string[] = [];
  for (const { payload } of story.indexFor(lang).find(foldText(text))) {
    if (payload.type === 'event' && !kinds.includes(payload.kind)) kinds.push(payload.kind);
    else if (payload.type === 'entity') for (const side of payload.sides) if (!sides.includes(side)) sides.push(side);
  }
  return { kinds, sides };
}
