/**
 * The index of the last entry of `sorted` (ascending) that is at or before `value`, or -1 when the
 * first entry is already past it. With `stride`, the keys are every `stride`-th number of a flat list
 * of records (`sorted[0]`, `sorted[stride]`, ...) and the result counts records.
 */
export function lastAtOrBefore(sorted: ArrayLike<number>, value: number, stride = 1): number {
  let lo = -1;
  let hi = Math.floor(sorted.length / stride) - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((sorted[mid * stride] as number) <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
