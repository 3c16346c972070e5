/**
 * Scaling of the full check on hostile shapes of Markdown (issue 11): each case is checked at a size
 * and at twice that size in the same run, and the figure is the ratio of the two median times. A
 * linear engine gives about 2; the target is at most 2.3.
 */
import { checkDocument } from '../../server/src/engine/check';
import type { FactBase } from '../../server/src/engine/types';
import { collectGarbage, median, time } from './stats';

/** The wrong sentence every case repeats: a mismatch and a missing citation each time. */
export const WRONG_SENTENCE = 'CoreWeave valued the expanded Meta agreement at roughly $31 billion.';

/** One scaling case: a draft of size `n`. */
export interface ScalingCase {
  key: string;
  label: string;
  draft: (n: number) => string;
  /** The smaller size (the bench checks `n` and `2n`). */
  n: number;
}

/** `n` copies of the wrong sentence on one line: a single paragraph. */
export function longParagraph(n: number): string {
  return `${`${WRONG_SENTENCE} `.repeat(n)}\n`;
}

/** A flat list of `n` items. */
export function flatList(n: number): string {
  let text = '';
  for (let i = 0; i < n; i++) text += `- item ${i} of the list, with a few words\n`;
  return text;
}

/** `n` lines of lists nested up to 40 deep, each ending in an unclosed link: `- - - … [x]((((…`. */
export function nestedLists(n: number): string {
  let text = '';
  for (let i = 0; i < n; i++) text += `${'- '.repeat((i % 40) + 1)}[x]${'('.repeat(54)}\n`;
  return text;
}

/** A draft of `n` short paragraphs, each the wrong sentence: `2n` findings. */
export function manyFindings(n: number): string {
  return `${WRONG_SENTENCE}\n\n`.repeat(n);
}

/** The cases at full size, or small ones for `--smoke`. */
export function scalingCases(smoke: boolean): ScalingCase[] {
  return [
    { key: 'scale_paragraph_ratio', label: 'one paragraph, 8,000 → 16,000 sentences (1.1 MB)', draft: longParagraph, n: smoke ? 500 : 8_000 },
    { key: 'scale_flat_list_ratio', label: 'flat list, 10,000 → 20,000 items', draft: flatList, n: smoke ? 500 : 10_000 },
    { key: 'scale_nested_ratio', label: 'lists nested 40 deep, 2,000 → 4,000 lines', draft: nestedLists, n: smoke ? 100 : 2_000 },
    { key: 'scale_findings_ratio', label: 'findings, 50,000 → 100,000', draft: manyFindings, n: smoke ? 500 : 25_000 },
  ];
}

/** The time ratio of checking `2n` over `n` for each case, with the times. */
export function scaling(base: FactBase, cases: ScalingCase[], runs: number): Array<{ key: string; ratio: number; smallMs: number; largeMs: number; findings: number }> {
  const out = [];
  for (const c of cases) {
    const small = c.draft(c.n);
    const large = c.draft(2 * c.n);
    // Warm-up on a smaller draft of the same shape.
    checkDocument(c.draft(Math.max(1, c.n >> 3)), base);
    const smallTimes: number[] = [];
    const largeTimes: number[] = [];
    let findings = 0;
    for (let i = 0; i < runs; i++) {
      collectGarbage();
      smallTimes.push(time(() => checkDocument(small, base)));
      collectGarbage();
      largeTimes.push(time(() => (findings = checkDocument(large, base).findings.length)));
    }
    const smallMs = median(smallTimes);
    const largeMs = median(largeTimes);
    out.push({ key: c.key, ratio: largeMs / smallMs, smallMs, largeMs, findings });
  }
  return out;
}
