/** What one benchmark stage measured, as its child process reports it. */
export interface StageResult {
  stage: string;
  items: number;
  ms: number;
  /** Peak resident memory of the child process that ran the stage alone. */
  peakMb: number;
  /** A line of stage-specific detail. */
  detail: string;
}

/** Items per second of a result. */
export function rate(result: StageResult): number {
  return (result.items / result.ms) * 1000;
}

/** Peak resident memory of this process so far, in MB. */
export function peakMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}
