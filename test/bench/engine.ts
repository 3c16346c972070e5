/**
 * Engine figures, measured in this process: parse against full check on a large draft, a large fact
 * base against the seed, and one-character edits through the incremental checker.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { checkDocument } from '../../server/src/engine/check';
import { createIncrementalChecker } from '../../server/src/engine/incremental';
import { parseMarkdown } from '../../server/src/engine/markdown/parse';
import { findPlainChunks } from '../../server/src/engine/markdown/plainChunks';
import type { FactBase } from '../../server/src/engine/types';
import { loadWorkspace } from '../../server/src/node/workspace';
import { generateDraft, generateFacts, seedStatements, type SeedStatements } from './generate';
import { collectGarbage, median, percentile, time } from './stats';

/** The seed fact base, loaded as the CLI loads it. */
export function seedFactBase(): FactBase {
  const workspace = loadWorkspace(undefined, {});
  if (!workspace.base) throw new Error('the seed facts do not load');
  return workspace.base;
}

/**
 * Parse alone and the full check, interleaved on the same draft; medians after a warm-up. `plainShare`
 * is the share of the draft's characters that the check reads without the parser (plain chunks).
 */
export function parseAndCheck(base: FactBase, size: number, runs: number): { parseMs: number; checkMs: number; ratio: number; chars: number; plainShare: number } {
  const text = generateDraft({ size, seed: 1, seeds: seedStatements(base) });
  const plainChars = findPlainChunks(text).reduce((sum, node) => sum + (node.position?.end.offset ?? 0) - (node.position?.start.offset ?? 0), 0);
  parseMarkdown(text);
  checkDocument(text, base);
  const parse: number[] = [];
  const check: number[] = [];
  for (let i = 0; i < runs; i++) {
    collectGarbage();
    parse.push(time(() => parseMarkdown(text)));
    collectGarbage();
    check.push(time(() => checkDocument(text, base)));
  }
  return { parseMs: median(parse), checkMs: median(check), ratio: median(check) / median(parse), chars: text.length, plainShare: plainChars / text.length };
}

/** Check time with the seed plus `count` generated facts over the seed alone, on a draft quoting both. */
export function largeFactBase(base: FactBase, count: number, size: number, runs: number): { ratio: number; seedMs: number; largeMs: number } {
  const generated = generateFacts(count, 5);
  const dir = mkdtempSync(path.join(tmpdir(), 'sourcecheck-bench-facts-'));
  try {
    writeFileSync(path.join(dir, 'facts.yaml'), generated.yaml);
    writeFileSync(path.join(dir, generated.documentName), generated.document);
    const workspace = loadWorkspace(undefined, { extraFacts: [path.join(dir, 'facts.yaml')] });
    if (!workspace.base) throw new Error(`generated facts do not load: ${workspace.diagnostics.slice(0, 3).map((d) => d.message).join('; ')}`);
    const large = workspace.base;
    const text = generateDraft({ size, seed: 3, seeds: seedStatements(base), extra: generated.statements });
    checkDocument(text, base);
    checkDocument(text, large);
    const seedTimes: number[] = [];
    const largeTimes: number[] = [];
    for (let i = 0; i < runs; i++) {
      collectGarbage();
      seedTimes.push(time(() => checkDocument(text, base)));
      collectGarbage();
      largeTimes.push(time(() => checkDocument(text, large)));
    }
    return { ratio: median(largeTimes) / median(seedTimes), seedMs: median(seedTimes), largeMs: median(largeTimes) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A draft of at least `words` words. */
export function draftOfWords(seeds: SeedStatements, words: number, seed: number): string {
  let size = words * 6;
  for (;;) {
    const text = generateDraft({ size, seed, seeds });
    if (countWords(text) >= words) return text;
    size = Math.ceil(size * 1.1);
  }
}

/** Whitespace-separated words. */
export function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** What a writer types in the middle of a draft: a sentence with a figure, then deleting it again. */
export const TYPED = ' The CoreWeave contract is worth $31 billion, the company said.';

/**
 * One-character edits at the middle of `text`: the offset of each and the text after it. Types
 * {@link TYPED} a character at a time, then deletes it a character at a time, as often as needed.
 */
export function editScript(text: string, count: number): Array<{ offset: number; insert: string; deleteCount: number }> {
  const middle = text.indexOf('.', text.length >> 1) + 1;
  const edits: Array<{ offset: number; insert: string; deleteCount: number }> = [];
  let typed = 0;
  let typing = true;
  while (edits.length < count) {
    if (typing) {
      edits.push({ offset: middle + typed, insert: TYPED[typed] as string, deleteCount: 0 });
      typed++;
      if (typed === TYPED.length) typing = false;
    } else {
      typed--;
      edits.push({ offset: middle + typed, insert: '', deleteCount: 1 });
      if (typed === 0) typing = true;
    }
  }
  return edits;
}

/** Applies one edit of an {@link editScript}. */
export function applyEdit(text: string, edit: { offset: number; insert: string; deleteCount: number }): string {
  return text.slice(0, edit.offset) + edit.insert + text.slice(edit.offset + edit.deleteCount);
}

/** Latencies of the incremental checker over one-character edits of a draft of `words` words. */
export function incrementalEdits(base: FactBase, words: number, count: number): { p50: number; p95: number; fullMs: number; words: number } {
  let text = draftOfWords(seedStatements(base), words, 9);
  const checker = createIncrementalChecker(base);
  checker.update(text);
  // Warm-up on a copy of the script, so the measured edits meet a warm engine but cold chunk texts.
  for (const edit of editScript(text, 20)) checker.update(applyEdit(text, edit));
  checker.update(text);
  const latencies: number[] = [];
  for (const edit of editScript(text, count)) {
    text = applyEdit(text, edit);
    latencies.push(time(() => checker.update(text)));
  }
  const full: number[] = [];
  for (let i = 0; i < 5; i++) full.push(time(() => checkDocument(text, base)));
  return { p50: percentile(latencies, 50), p95: percentile(latencies, 95), fullMs: median(full), words: countWords(text) };
}
