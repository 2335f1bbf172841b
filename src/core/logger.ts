import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/** The log levels storywatch accepts (`--log-level`, LOG_LEVEL, `log.level`). */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** True when `level` is one of LOG_LEVELS. */
export function isLogLevel(level: string): level is (typeof LOG_LEVELS)[number] {
  return (LOG_LEVELS as readonly string[]).includes(level);
}

/**
 * Creates the structured logger. Logs go to stderr (stdout is kept for command output) unless a
 * destination is given; fields such as `feed`, `story`, `channel` and `item` are added by callers.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino({ level, base: { app: 'storywatch' } }, destination ?? pino.destination(2));
}
