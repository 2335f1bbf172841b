import pLimit, { type LimitFunction } from 'p-limit';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Per-host politeness: at most `concurrency` requests at once to one host, and at least
 * `delayMs` between the start of one request to a host and the next.
 */
export class HostGate {
  private readonly hosts = new Map<string, { limit: LimitFunction; nextStart: number }>();

  constructor(
    private readonly concurrency: number,
    private readonly delayMs: number,
  ) {}

  /** Runs `task` when the host of `url` allows it. */
  run<T>(url: string, task: () => Promise<T>): Promise<T> {
    const host = hostOf(url);
    let gate = this.hosts.get(host);
    if (!gate) {
      gate = { limit: pLimit(this.concurrency), nextStart: 0 };
      this.hosts.set(host, gate);
    }
    const slot = gate;
    return slot.limit(async () => {
      const wait = slot.nextStart - Date.now();
      slot.nextStart = Math.max(Date.now(), slot.nextStart) + this.delayMs;
      if (wait > 0) await sleep(wait);
      return task();
    });
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return url;
  }
}
