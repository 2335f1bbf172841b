import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Creates the structured logger. Logs go to stderr (stdout is kept for command output) unless a
 * destination is given; fields such as `feed`, `story`, `channel` and `item` are added by callers.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino({ level, base: { app: 'storywatch' } }, destination ?? pino.destination(2));
}
