import type { Result } from '../../core/result.js';

/** A conditional GET of one feed. */
export interface FetchRequest {
  url: string;
  etag?: string | null;
  lastModified?: string | null;
}

/** Limits every fetch obeys. */
export interface FetchLimits {
  /** Whole-request timeout (connect + headers + body), ms. Default 15 000. */
  timeoutMs: number;
  /** Maximum decoded body size in bytes. Default 10 MB. */
  maxBytes: number;
  /** Maximum redirects followed. Default 5. */
  maxRedirects: number;
  userAgent: string;
  /** Allow private, loopback and link-local addresses (demo and tests). Default false. */
  allowPrivateNetworks: boolean;
}

/** A successful fetch: either a new body or "not modified". */
export type FetchOutcome =
  | {
      kind: 'fetched';
      status: number;
      body: Buffer;
      contentType: string | null;
      etag: string | null;
      lastModified: string | null;
      finalUrl: string;
    }
  | { kind: 'not_modified'; etag: string | null; lastModified: string | null };

/** The HTTP port the pipeline sees. */
export interface Http {
  get(request: FetchRequest): Promise<Result<FetchOutcome>>;
}
