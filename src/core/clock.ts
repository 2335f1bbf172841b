/** The only source of "now" for the pipeline, so tests can move time. */
export interface Clock {
  now(): Date;
}

/** The wall clock. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock that only moves when told to: for tests and replays. */
export class ManualClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current.getTime());
  }
  /** Moves time forward by `ms` milliseconds. */
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
  /** Sets the current time. */
  set(at: Date): void {
    this.current = new Date(at.getTime());
  }
}
