/** A feed as configured or added by an operator. */
export interface FeedInput {
  url: string;
  name: string;
  /** BCP-47 language code when the operator knows it; otherwise detected per item. */
  language?: string | null;
  /** Poll interval in seconds. */
  intervalSec: number;
}

/** Outcome of the last fetch of a feed. */
export type FeedStatus = 'new' | 'ok' | 'not_modified' | 'error';

/** A feed as stored, with its fetch state. */
export interface FeedRecord extends FeedInput {
  id: number;
  language: string | null;
  etag: string | null;
  lastModified: string | null;
  status: FeedStatus;
  lastFetchAt: Date | null;
  lastErrorCode: string | null;
  lastError: string | null;
  /** Consecutive failures; reset to 0 on success. */
  errorCount: number;
  nextCheckAt: Date;
  /** False until the first successful fetch recorded the feed's backlog. */
  baselineDone: boolean;
  /** When true, the first fetch sends its backlog down the pipeline instead of recording it silently. */
  backfill: boolean;
  createdAt: Date;
}
