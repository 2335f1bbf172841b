import type { AppError } from '../core/result.js';

const BASE_RETRY_MS = 5_000;
const MAX_RETRY_MS = 10 * 60_000;
/** Errors that end one subscription: the channel is gone or the bot may not use it. */
export const STOPS_SUBSCRIPTION = /_(CHANNEL_GONE|FORBIDDEN)$/;
/** Errors that pause the whole platform: the token is refused (401, revoked, expired, lacking scopes). */
const PAUSES_PLATFORM = /_(UNAUTHORIZED|TOKEN_FORBIDDEN)$/;

/** Exponential backoff for a failed delivery: 5 s, 10 s, 20 s … at most 10 minutes. */
export function retryDelayMs(attempts: number, error: AppError): number {
  return error.retryAfterMs ?? Math.min(MAX_RETRY_MS, BASE_RETRY_MS * 2 ** Math.max(0, attempts - 1));
}

/** True when the platform refused the bot's token rather than one channel or message. */
export function isAuthFailure(error: AppError): boolean {
  return PAUSES_PLATFORM.test(error.code);
}
