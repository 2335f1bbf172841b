/** A deterministic random source (a 31-bit linear congruential generator): the same seed, the same sequence. */
export function seededRandom(seed: number): { next(): number; pick<T>(list: readonly T[]): T } {
  let state = seed;
  const next = (): number => (state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  return { next, pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T };
}
