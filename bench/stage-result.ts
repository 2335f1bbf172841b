/** What one benchmark stage measured, as its child process reports it. */
export interface StageResult {
  stage: string;
  items: number;
  /** Wall-clock time. */
  ms: number;
  /** CPU time of the process (user + system, every thread): steadier than wall time on a shared CPU. */
  cpuMs: number;
  /** Peak resident memory of the child process that ran the stage alone. */
  peakMb: number;
  /** A line of stage-specific detail. */
  detail: string;
}

/** Items per second of CPU time of a result. */
export function rate(result: StageResult): number {
  return (result.items / result.cpuMs) * 1000;
}

/** Starts measuring; the function returned gives the wall and CPU time since. */
export function stopwatch(): () => { ms: number; cpuMs: number } {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(cpu);
    return { ms: performance.now() - wall, cpuMs: (used.user + used.system) / 1000 };
  };
}

/** Peak resident memory of this process so far, in MB. */
export function peakMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}
