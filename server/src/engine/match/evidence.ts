/**
 * What every candidate source measures the same way: where a sentence's words stand relative to a
 * value, and how much evidence counts at a distance.
 */
import type { Token } from '../text/tokens';

/** Distance (in tokens) assumed for evidence that is not in the sentence (context or cited-site parties); beyond any near mention. */
export const CONTEXT_DISTANCE = 12;

/** How near (in tokens) a fact's cue, or a word shared with its statement, must stand to a value to speak for it. */
export const NEAR_DISTANCE = 8;

/** The weight of evidence `distance` tokens from a value: 1 beside it, falling off with distance. */
export function proximity(distance: number): number {
  return 1 / (1 + distance / 4);
}

/** Tokens from `at` to the nearest of `tokens`; {@link CONTEXT_DISTANCE} when the evidence is not in the sentence. */
export function distanceTo(tokens: readonly number[] | undefined, at: number): number {
  return tokens === undefined ? CONTEXT_DISTANCE : Math.min(...tokens.map((t) => Math.abs(t - at)));
}

/** Groups occurrences by key: the token positions of each party, cue or term. */
export function positionsBy<T>(occurrences: Iterable<T>, key: (o: T) => string, token: (o: T) => number): Map<string, number[]> {
  const byKey = new Map<string, number[]>();
  for (const occurrence of occurrences) {
    const k = key(occurrence);
    const list = byKey.get(k);
    if (list) list.push(token(occurrence));
    else byKey.set(k, [token(occurrence)]);
  }
  return byKey;
}

/** Index of the token at or after `offset` (the token a value starts with). */
export function tokenAt(tokens: Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((tokens[mid] as Token).end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
