/** Expected failures are values: every error carries a stable code and a human message. */
export interface AppError {
  /** Stable machine code, e.g. FEED_HTTP_404, CONFIG_INVALID. */
  code: string;
  /** What went wrong and, where useful, what happens next. */
  message: string;
  /** When the failure asks us to wait (429/503 Retry-After), how long, in milliseconds. */
  retryAfterMs?: number;
  /** True when retrying will not help (410 Gone, blocked address, unsupported format). */
  permanent?: boolean;
}

export type Ok<T> = { ok: true; value: T };
export type Err<E = AppError> = { ok: false; error: E };
export type Result<T, E = AppError> = Ok<T> | Err<E>;

/** Wraps a value as a successful result. */
export function ok<T>(value: T): Ok<T> {
  return { ok: true, value };
}

/** Builds a failed result from a code and a message (plus optional extra fields). */
export function err(code: string, message: string, extra: Partial<AppError> = {}): Err<AppError> {
  return { ok: false, error: { code, message, ...extra } };
}
