import type { EventKind } from './event-kinds.js';
import type { PublicationKey } from './publication-order.js';

/** A development of a story: an event, its actors and the day it happened, with its sources. */
export interface Development {
  id: number;
  storyId: string;
  kind: EventKind;
  /** Every kind its sources reported (a strike and its death toll). */
  kinds: EventKind[];
  /** YYYY-MM-DD: the day it happened. */
  date: string;
  /** Whether a source's text wrote that day; false: it is its first report's publication day, which a later source writing the day corrects. */
  dateWritten: boolean;
  /** Side ids, the acting side first. */
  actors: string[];
  /** English one-line label. */
  label: string;
  /** Best summary sentence, in the source's language. */
  summary: string;
  summaryLang: string;
  /** The item that first reported it (null once that item is deleted with its feed). */
  firstItemId: number | null;
  /** Item ids that reported it, first first. */
  sources: number[];
  languages: string[];
  /** The sentence each counting source was quoted by, in source order (sources recorded before migration 009 have none). */
  quotes?: SourceQuote[];
  createdAt: Date;
}

/** The sentence one source reported a development with, in that source's language. */
export interface SourceQuote {
  itemId: number;
  lang: string;
  text: string;
}

/**
 * A development as the merge planner sees it: without its list of sources, which only grows, and
 * with the place of its first report in publication order (null once that item is gone).
 */
export type TimelineEntry = Omit<Development, 'sources' | 'languages' | 'quotes'> & { firstReport: PublicationKey | null };

/** A development an item reports, before it is merged into the timeline. */
export interface Candidate {
  kinds: EventKind[];
  /** The leading kind of the family (`statement` for a statement alone). */
  kind: EventKind;
  family: string;
  actors: string[];
  /** YYYY-MM-DD, or null when the item does not date it (it can then only join a development). */
  date: string | null;
  /** Whether the date is written in the text or taken from the publication date. */
  dateSource: 'written' | 'published' | null;
  /** The text wrote the day without its year, and the item has no date: the year is the story window's (a guess). */
  yearGuessed?: boolean;
  /** Whether it may start a new development (a dated, standalone kind, not a background recall). */
  creates: boolean;
  summary: string;
  /** Zone of the sentence: title, lead or body. */
  zone: 'title' | 'lead' | 'body';
}

/** A new development to insert, without its store-given fields. */
export type NewDevelopment = Omit<Development, 'id' | 'createdAt' | 'sources' | 'firstItemId' | 'languages' | 'dateWritten'> & {
  /** Whether a source's text wrote its day; omitted: written. */
  dateWritten?: boolean;
};

/** What merging an item's candidates into a timeline decided. */
export interface TimelinePlan {
  /** Existing developments the item reports again (it becomes one more source). */
  attach: number[];
  /** Developments the timeline did not have. */
  create: NewDevelopment[];
  /**
   * Known developments first reported by an item published after this one: this item takes its place
   * as their first report, and their kind, date, actors and summary become what it reports (as if
   * it had come first). It becomes one more source; nothing is alerted again. Omitted: none.
   */
  revise?: Revision[];
  /** The sentence the item reports each attached development with (by development id); omitted: none. */
  quotes?: Record<number, string>;
  /**
   * Attached developments dated only by a publication day, to which the item gives the day its
   * text writes for them (a day apart at most); omitted: none.
   */
  redate?: Redate[];
}

/** A development that takes the day an item writes for it (see `TimelinePlan.redate`). */
export interface Redate {
  id: number;
  date: string;
}

/** A development that an earlier-published report takes over (see `TimelinePlan.revise`). */
export interface Revision {
  id: number;
  development: NewDevelopment;
}

/** The outcome of adding an item to a story's timeline. */
export interface TimelineUpdate {
  /** New developments, the item their first source. */
  created: Development[];
  /** Known developments the item also reported (now one source more), as they were before it. */
  attached: TimelineEntry[];
  /** Known developments the item reported first in publication order, as it revised them. */
  revised: Development[];
  /** Known developments dated by a publication day that took the earlier day the item writes, as they are now. */
  redated: Development[];
  /** The alert recorded for the item, if it brought something new and alerts were wanted. */
  alertId: number | null;
}

/** A "new development" alert: the item, what it brought, and what it mentioned that was known. */
export interface Alert {
  id: number;
  storyId: string;
  itemId: number;
  developments: number[];
  context: number[];
  createdAt: Date;
  /** When three readers said it is not this story (its message then says so); null while it stands. */
  withdrawnAt?: Date | null;
  /** When three readers said its date is wrong (its message then says the date is disputed). */
  dateDisputedAt?: Date | null;
}
