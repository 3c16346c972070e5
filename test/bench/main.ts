/**
 * `npm run bench`: the performance figures of issue 5, as a table or (with `--json`) one JSON
 * object. `--smoke` runs small sizes for CI. Figures are medians after a warm-up; the bench prints
 * targets beside them and never fails on them. Progress goes to stderr.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { arch, availableParallelism, cpus, platform, release, tmpdir, totalmem } from 'node:os';
import * as path from 'node:path';
import { cliRuns } from './cli';
import { cachedRun, compare, writeCorpus } from './peers';
import { generateDraft, seedStatements } from './generate';
import { incrementalEdits, largeFactBase, parseAndCheck, seedFactBase } from './engine';
import { coldStart, edits, memory, serverPath } from './lsp';
import { scaling, scalingCases } from './scaling';
import { round } from './stats';

type Figure = number | null;

interface Row {
  key: string;
  label: string;
  target?: { op: '<=' | '>='; value: number };
}

const ROWS: Row[] = [
  { key: 'parse_ms_1mb', label: 'remark parse alone, 1 MB draft (ms)' },
  { key: 'check_ms_1mb', label: 'full engine check, same draft (ms)' },
  { key: 'check_to_parse_ratio', label: 'check / parse', target: { op: '<=', value: 1.3 } },
  { key: 'plain_share_1mb', label: 'share of the draft read without the parser (plain chunks)' },
  { key: 'engine_edit_p50_ms', label: 'incremental checker, 1-char edit, p50 (ms)' },
  { key: 'engine_edit_p95_ms', label: 'incremental checker, 1-char edit, p95 (ms)' },
  { key: 'engine_full_check_10k_words_ms', label: 'full check of the same 10,000-word draft (ms)' },
  { key: 'cold_start_ms', label: 'server spawn to first diagnostics, 5 KB (ms)', target: { op: '<=', value: 500 } },
  { key: 'edit_p50_ms', label: 'server didChange to diagnostics, p50 (ms)' },
  { key: 'edit_p95_ms', label: 'server didChange to diagnostics, p95 (ms)', target: { op: '<=', value: 25 } },
  { key: 'rss_mb_50_docs', label: 'server RSS with its check workers, 50 drafts of 20 KB open (MB)', target: { op: '<=', value: 120 } },
  { key: 'rss_mb_50_docs_idle', label: 'the same after 10 s idle (MB)' },
  { key: 'scale_paragraph_ratio', label: 'check time, one paragraph of 16,000 / 8,000 sentences', target: { op: '<=', value: 2.3 } },
  { key: 'scale_flat_list_ratio', label: 'check time, flat list of 20,000 / 10,000 items', target: { op: '<=', value: 2.3 } },
  { key: 'scale_nested_ratio', label: 'check time, lists nested 40 deep, 4,000 / 2,000 lines', target: { op: '<=', value: 2.3 } },
  { key: 'scale_findings_ratio', label: 'check time, 100,000 / 50,000 findings', target: { op: '<=', value: 2.3 } },
  { key: 'facts_5000_ratio', label: 'check time, seed + 5,000 facts / seed', target: { op: '<=', value: 1.5 } },
  { key: 'cli_files_per_s', label: 'CLI files per second, all cores' },
  { key: 'cli_parallel_speedup', label: 'CLI all cores / one thread', target: { op: '>=', value: 1.6 } },
  { key: 'peers_drafts_sourcecheck_wall_ms', label: 'peers: Source Check over the drafts, wall (ms)' },
  { key: 'peers_drafts_markdownlint_wall_ms', label: 'peers: markdownlint-cli2 over the drafts, wall (ms)' },
  { key: 'peers_drafts_sourcecheck_cpu_ms', label: 'peers: Source Check over the drafts, CPU (ms)' },
  { key: 'peers_drafts_markdownlint_cpu_ms', label: 'peers: markdownlint-cli2 over the drafts, CPU (ms)' },
  { key: 'peers_drafts_cpu_ratio', label: 'peers: drafts, CPU Source Check / markdownlint-cli2', target: { op: '<=', value: 1.0 } },
  { key: 'peers_drafts_wall_ratio', label: 'peers: drafts, wall Source Check / markdownlint-cli2', target: { op: '<=', value: 0.8 } },
  { key: 'peers_1mb_sourcecheck_wall_ms', label: 'peers: Source Check, one 1 MB draft, wall (ms)' },
  { key: 'peers_1mb_markdownlint_wall_ms', label: 'peers: markdownlint-cli2, one 1 MB draft, wall (ms)' },
  { key: 'peers_1mb_wall_ratio', label: 'peers: 1 MB draft, wall Source Check / markdownlint-cli2', target: { op: '<=', value: 1.0 } },
  { key: 'cache_second_run_ms', label: 'peers: second --cache run over the unchanged drafts, wall (ms)', target: { op: '<=', value: 500 } },
];

const argv = process.argv.slice(2);
const asJson = argv.includes('--json');
const smoke = argv.includes('--smoke');
const only = argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');

const SIZES = smoke
  ? { draft: 50_000, parseRuns: 2, facts: 500, factsDraft: 20_000, factsRuns: 2, words: 2_000, edits: 20, coldRuns: 1, docs: 5, docSize: 20_000, idleMs: 1_000, cliDrafts: 20, cliRuns: 1, peerDrafts: 20, peerDraftSize: 10_000, peerLarge: 100_000, peerRuns: 1 }
  : { draft: 1_000_000, parseRuns: 7, facts: 5_000, factsDraft: 250_000, factsRuns: 7, words: 10_000, edits: 200, coldRuns: 5, docs: 50, docSize: 20_000, idleMs: 10_000, cliDrafts: 500, cliRuns: 3, peerDrafts: 500, peerDraftSize: 10_000, peerLarge: 1_000_000, peerRuns: 3 };

function progress(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}

function wanted(group: string): boolean {
  return !only || only.includes(group);
}

async function main(): Promise<void> {
  const figures: Record<string, Figure> = {};
  const notes: string[] = [];
  const base = seedFactBase();

  if (wanted('engine')) {
    progress(`parse and check, ${SIZES.draft} characters, ${SIZES.parseRuns} runs`);
    const pc = parseAndCheck(base, SIZES.draft, SIZES.parseRuns);
    figures.parse_ms_1mb = pc.parseMs;
    figures.check_ms_1mb = pc.checkMs;
    figures.check_to_parse_ratio = pc.ratio;
    figures.plain_share_1mb = pc.plainShare;

    progress(`incremental checker, ${SIZES.edits} edits of a ${SIZES.words}-word draft`);
    const inc = incrementalEdits(base, SIZES.words, SIZES.edits);
    figures.engine_edit_p50_ms = inc.p50;
    figures.engine_edit_p95_ms = inc.p95;
    figures.engine_full_check_10k_words_ms = inc.fullMs;
  }

  if (wanted('scaling')) {
    progress('scaling: each hostile shape at a size and at twice that size');
    for (const row of scaling(base, scalingCases(smoke), smoke ? 1 : 3)) {
      figures[row.key] = row.ratio;
      notes.push(`${row.key}: ${round(row.smallMs)} ms → ${round(row.largeMs)} ms`);
    }
  }

  if (wanted('facts')) {
    progress(`seed + ${SIZES.facts} generated facts, ${SIZES.factsDraft}-character draft`);
    figures.facts_5000_ratio = largeFactBase(base, SIZES.facts, SIZES.factsDraft, SIZES.factsRuns).ratio;
  }

  if (wanted('lsp')) {
    const server = serverPath();
    if (!server) {
      notes.push('dist/server.js not built: no language-server figures');
      figures.cold_start_ms = figures.edit_p50_ms = figures.edit_p95_ms = figures.rss_mb_50_docs = figures.rss_mb_50_docs_idle = null;
    } else {
      const dir = mkdtempSync(path.join(tmpdir(), 'sourcecheck-bench-lsp-'));
      try {
        progress(`server cold start, ${SIZES.coldRuns} runs`);
        figures.cold_start_ms = await coldStart(server, base, dir, 5_000, SIZES.coldRuns);
        progress(`server edits, ${SIZES.edits} on a ${SIZES.words}-word draft`);
        const e = await edits(server, base, dir, SIZES.words, SIZES.edits);
        figures.edit_p50_ms = e.p50;
        figures.edit_p95_ms = e.p95;
        progress(`server memory, ${SIZES.docs} drafts of ${SIZES.docSize} characters`);
        const rss = await memory(server, base, dir, SIZES.docs, SIZES.docSize, SIZES.idleMs);
        figures.rss_mb_50_docs = rss.atOnce;
        figures.rss_mb_50_docs_idle = rss.idle;
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }

  if (wanted('cli')) {
    progress(`CLI over ${SIZES.cliDrafts} drafts, one thread and all cores, ${SIZES.cliRuns} runs each`);
    const cli = cliRuns(base, { drafts: SIZES.cliDrafts, draftSize: 6_000, runs: SIZES.cliRuns });
    figures.cli_files_per_s = cli.filesPerSecond;
    figures.cli_parallel_speedup = cli.speedup;
    if (!cli.identicalOutput) notes.push('the CLI printed different output with one thread and with all cores');
  }

  if (wanted('peers')) {
    const dir = mkdtempSync(path.join(tmpdir(), 'sourcecheck-bench-peers-'));
    try {
      const seeds = seedStatements(base);
      const drafts = path.join(dir, 'drafts');
      const bytes = writeCorpus(drafts, SIZES.peerDrafts, SIZES.peerDraftSize, seeds);
      notes.push(`peers: ${SIZES.peerDrafts} drafts (${round(bytes / 1e6)} MB) and one ${round(SIZES.peerLarge / 1e6)} MB draft generated from the seed facts' examples`);
      progress(`peers: Source Check and markdownlint-cli2 alternately over ${SIZES.peerDrafts} drafts, ${SIZES.peerRuns} runs each`);
      // The time budget is the editor's guard; a CI run over a whole corpus is measured whole.
      const many = compare(drafts, ['*.md'], SIZES.peerRuns, ['--time-budget', '600000']);
      figures.peers_drafts_sourcecheck_wall_ms = many.sourcecheckWallMs;
      figures.peers_drafts_markdownlint_wall_ms = many.markdownlintWallMs;
      figures.peers_drafts_sourcecheck_cpu_ms = many.sourcecheckCpuMs;
      figures.peers_drafts_markdownlint_cpu_ms = many.markdownlintCpuMs;
      figures.peers_drafts_cpu_ratio = many.cpuRatio;
      figures.peers_drafts_wall_ratio = many.wallRatio;
      progress(`peers: a second --cache run over the same drafts, ${SIZES.peerRuns} runs`);
      const cached = cachedRun(drafts, ['*.md'], SIZES.peerRuns);
      figures.cache_second_run_ms = cached.wallMs;
      if (!cached.identical) notes.push('peers: a --cache run printed something other than a run without the cache');
      const large = path.join(dir, 'large');
      mkdirSync(large);
      writeFileSync(path.join(large, 'book.md'), generateDraft({ size: SIZES.peerLarge, seed: 7, seeds }));
      progress(`peers: both tools alternately over one ${SIZES.peerLarge}-character draft, ${SIZES.peerRuns} runs each`);
      const one = compare(large, ['book.md'], SIZES.peerRuns, ['--time-budget', '600000']);
      figures.peers_1mb_sourcecheck_wall_ms = one.sourcecheckWallMs;
      figures.peers_1mb_markdownlint_wall_ms = one.markdownlintWallMs;
      figures.peers_1mb_wall_ratio = one.wallRatio;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  const machine = {
    node: process.version,
    platform: `${platform()} ${release()} ${arch()}`,
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: availableParallelism(),
    memory_gb: round(totalmem() / 1024 ** 3),
  };
  const rounded: Record<string, Figure> = {};
  for (const row of ROWS) if (row.key in figures) rounded[row.key] = figures[row.key] === null ? null : round(figures[row.key] as number);

  if (asJson) {
    process.stdout.write(`${JSON.stringify({ ...rounded, smoke, machine, notes })}\n`);
    return;
  }
  const lines: string[] = [];
  lines.push(`Source Check bench${smoke ? ' (smoke: small sizes)' : ''} — Node ${machine.node}, ${machine.cores} cores, ${machine.platform}`);
  lines.push('');
  const width = Math.max(...ROWS.map((r) => r.key.length));
  for (const row of ROWS) {
    if (!(row.key in rounded)) continue;
    const value = rounded[row.key];
    const shown = value === null ? 'n/a' : String(value);
    let verdict = '';
    if (row.target && value !== null && value !== undefined) {
      const ok = row.target.op === '<=' ? value <= row.target.value : value >= row.target.value;
      verdict = `${ok ? 'meets' : 'misses'} ${row.target.op} ${row.target.value}`;
    }
    lines.push(`${row.key.padEnd(width)}  ${shown.padStart(8)}  ${verdict.padEnd(14)}  ${row.label}`);
  }
  for (const note of notes) lines.push(`note: ${note}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
