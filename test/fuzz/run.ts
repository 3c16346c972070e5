/**
 * The long fuzz run (`npm run fuzz`): the properties of the unit fuzz tests with many more inputs and
 * a fresh seed, plus timing: every generated draft is cut or grown to about 5 KB and checked, and the
 * slowest are measured again and reported (the budget is 100 ms per 5 KB draft; catastrophic regex
 * backtracking shows up here long before it would in a unit test).
 *
 *   npm run fuzz -- [--runs N] [--seed N] [--out DIR]
 *
 * Exit 1 when a property fails or a 5 KB draft takes more than the budget.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { checkDocument } from '../../server/src/engine/check';
import { loadFactBase } from '../../server/src/engine/factbase/load';
import { extractMentions, parseValueText } from '../../server/src/engine/values';
import type { FactHost } from '../../server/src/engine/api';
import { seedBase } from '../helpers/seed';
import { markdownDraft, mutatedFactYaml, valueProse } from './arbitraries';
import { seedArticle, seedFactsYaml } from './corpus';
import { fixProblems, lineTable, mentionProblems, rangeProblems, resultRangeProblems } from './invariants';

const BUDGET_MS = 100;
const SIZE = 5 * 1024;

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '2000' },
    seed: { type: 'string' },
    out: { type: 'string', default: path.join(tmpdir(), 'sourcecheck-fuzz') },
  },
});
const runs = Number(values.runs);
const seed = values.seed !== undefined ? Number(values.seed) : Date.now() % 2 ** 31;
const out = values.out as string;
mkdirSync(out, { recursive: true });

const base = seedBase();
let failed = false;
const started = Date.now();

/** Runs one property and reports it; on failure writes the shrunk counterexample to `out`. */
function runProperty<T>(name: string, arb: fc.Arbitrary<T>, numRuns: number, check: (value: T) => string[]): void {
  const t0 = Date.now();
  const result = fc.check(fc.property(arb, (value) => {
    const problems = check(value);
    if (problems.length > 0) throw new Error(problems.slice(0, 5).join('\n'));
  }), { seed, numRuns });
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  if (!result.failed) {
    console.log(`ok    ${name}: ${result.numRuns} inputs in ${seconds} s`);
    return;
  }
  failed = true;
  const file = path.join(out, `counterexample-${name.replace(/\W+/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(result.counterexample?.[0] ?? null));
  console.log(`FAIL  ${name} after ${result.numRuns} inputs (seed ${seed}, path ${result.counterexamplePath}); input in ${file}`);
  console.log(String(result.errorInstance instanceof Error ? result.errorInstance.message : result.errorInstance).split('\n').slice(0, 8).map((l) => `      ${l}`).join('\n'));
}

/** Cuts or repeats `text` to `SIZE` UTF-16 units, never leaving half a surrogate pair at the cut. */
function toSize(text: string): string {
  if (text.length === 0) return 'Meta. '.repeat(SIZE / 6);
  let grown = text;
  while (grown.length < SIZE) grown += `\n\n${text}`;
  let cut = SIZE;
  const code = grown.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  return grown.slice(0, cut);
}

/** Inputs written to defeat regular expressions: long runs of what the engine's patterns repeat. */
function adversarial(): Array<[string, string]> {
  const fill = (unit: string) => unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);
  return [
    ['dotted labels in one parenthesis', `(${fill('a.')}`],
    ['hyphen runs in a footnote definition', `[^1]: ${fill('a-')}\n\nText.[^1]`],
    ['labels without a top-level domain', `(${fill('ab1.')}1`],
    ['comma lists of domains', `(${fill('about.fb.com, ')}`],
    ['digits and separators', fill('1,2.')],
    ['dollar signs', fill('$')],
    ['open parentheses', fill('(')],
    ['open brackets', fill('[')],
    ['emphasis markers', fill('*_')],
    ['entities', fill('&#1')],
    ['escapes', fill('\\$')],
    ['comment openers', fill('<!--')],
    ['nested quotes', fill('> ')],
    ['nested lists', Array.from({ length: 400 }, (_, i) => `${' '.repeat(i % 60)}- $21 billion`).join('\n').slice(0, SIZE)],
    ['table of figures', `| a | b |\n| - | - |\n${fill('| $1 billion | Dec. 2032 |\n')}`],
    ['number words', fill('twenty-one ')],
    ['month words', fill('December ')],
    ['qualifiers', fill('more than about roughly ')],
    ['one long sentence without a stop', fill('Meta CoreWeave deal worth $21 billion ')],
    ['abbreviations', fill('Dec. Feb. U.S. Inc. ')],
    ['astral characters', fill('😀')],
    ['CRLF blank lines', fill('\r\n')],
    ['the seed article', toSize(seedArticle())],
  ];
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

console.log(`fuzz: seed ${seed}, ${runs} runs per engine property; output in ${out}`);

// --- properties --------------------------------------------------------------------------------

runProperty('ranges', markdownDraft(), runs, (text) => resultRangeProblems(text, checkDocument(text, base)));
runProperty('fixes', markdownDraft(), Math.max(1, Math.floor(runs / 3)), (text) => fixProblems(text, base, checkDocument(text, base), {}, 20));
runProperty('mentions', valueProse(), runs * 10, (text) => mentionProblems(text, extractMentions(text)));

const ARTICLE = seedArticle();
const host: FactHost = {
  readDocument: (_from, reference) => (reference === 'meta-muse-spark-coreweave.txt' ? { path: '/ws/article.txt', text: ARTICLE } : { error: `${reference} no such file` }),
};
runProperty('fact loader', mutatedFactYaml(seedFactsYaml()), Math.max(1, Math.floor(runs / 4)), (text) => {
  const loaded = loadFactBase([{ path: '/ws/facts.yaml', text }], host, { parseValue: parseValueText });
  const table = lineTable(text);
  return loaded.diagnostics.flatMap((d, i) => (d.file === '/ws/facts.yaml' ? rangeProblems(text, table, d.range, `diagnostic ${i}`) : [`diagnostic ${i} names ${d.file}`]));
});

// --- timing ------------------------------------------------------------------------------------

// Warm the JIT first so the first inputs are not charged for compilation.
for (const text of fc.sample(markdownDraft(), { seed: seed + 1, numRuns: 50 })) checkDocument(toSize(text), base);

const timed: Array<{ label: string; text: string; ms: number }> = [];
const timeOne = (label: string, text: string): void => {
  const t0 = performance.now();
  checkDocument(text, base);
  timed.push({ label, text, ms: performance.now() - t0 });
};
const generated = fc.sample(markdownDraft(), { seed: seed + 2, numRuns: runs });
generated.forEach((text, i) => timeOne(`generated #${i} (${text.length} units${text.length < SIZE / 10 ? ', repeated' : ''})`, toSize(text)));
for (const [label, text] of adversarial()) timeOne(label, text);

// A single measurement can catch a garbage collection; the slowest are measured five more times.
timed.sort((a, b) => b.ms - a.ms);
const slowest = timed.slice(0, 10).map((t) => {
  const again: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    checkDocument(t.text, base);
    again.push(performance.now() - t0);
  }
  return { ...t, median: median(again) };
});
slowest.sort((a, b) => b.median - a.median);
const all = timed.map((t) => t.ms);
console.log(`\ntiming: ${timed.length} drafts of ${SIZE} UTF-16 units; median ${median(all).toFixed(1)} ms, slowest single run ${Math.max(...all).toFixed(1)} ms`);
console.log('slowest (median of 5 more runs):');
slowest.forEach((t, i) => {
  const file = path.join(out, `slowest-${i + 1}.md`);
  writeFileSync(file, t.text);
  const over = t.median > BUDGET_MS;
  if (over) failed = true;
  console.log(`  ${over ? 'OVER ' : ''}${t.median.toFixed(1).padStart(7)} ms  (first ${t.ms.toFixed(1)} ms)  ${t.label}  ${file}`);
});

const memory = process.memoryUsage();
console.log(`\ndone in ${((Date.now() - started) / 1000).toFixed(0)} s; heap ${(memory.heapUsed / 1024 / 1024).toFixed(0)} MB, rss ${(memory.rss / 1024 / 1024).toFixed(0)} MB`);
process.exitCode = failed ? 1 : 0;
