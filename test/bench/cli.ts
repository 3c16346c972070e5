/** CLI figures: the built `sourcecheck` over many drafts, on one thread and on all cores. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import * as path from 'node:path';
import type { FactBase } from '../../server/src/engine/types';
import { generateDraft, seedStatements } from './generate';
import { median } from './stats';

/** Repository root (this file is `test/bench/cli.ts`, or bundled into `.cache/bench/`). */
export function repoRoot(): string {
  return path.resolve(__dirname, '..', '..');
}

/** Options of {@link cliRuns}. */
export interface CliBenchOptions {
  drafts: number;
  draftSize: number;
  runs: number;
}

/** Files per second on all cores, the speed-up over one thread, and whether both printed the same. */
export interface CliFigures {
  filesPerSecond: number;
  speedup: number;
  oneJobMs: number;
  allJobsMs: number;
  jobs: number;
  identicalOutput: boolean;
}

function runCli(cwd: string, jobs: number): { ms: number; stdout: string; status: number | null } {
  const cli = path.join(repoRoot(), 'bin', 'sourcecheck.js');
  const start = performance.now();
  const run = spawnSync(process.execPath, [cli, '--format', 'json', '--jobs', String(jobs), '*.md'], { cwd, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  const ms = performance.now() - start;
  if (run.status !== 0 && run.status !== 1) throw new Error(`sourcecheck failed (${run.status}): ${run.stderr}`);
  return { ms, stdout: run.stdout, status: run.status };
}

/** Runs the CLI over generated drafts with `--jobs 1` and `--jobs <cores>`, alternating, after a warm-up. */
export function cliRuns(base: FactBase, options: CliBenchOptions): CliFigures {
  const dir = mkdtempSync(path.join(tmpdir(), 'sourcecheck-bench-cli-'));
  try {
    mkdirSync(dir, { recursive: true });
    const seeds = seedStatements(base);
    for (let i = 0; i < options.drafts; i++) {
      writeFileSync(path.join(dir, `draft-${String(i).padStart(4, '0')}.md`), generateDraft({ size: options.draftSize, seed: 1000 + i, seeds }));
    }
    const jobs = availableParallelism();
    const warm = runCli(dir, jobs);
    const one: number[] = [];
    const all: number[] = [];
    let identical = true;
    for (let i = 0; i < options.runs; i++) {
      const single = runCli(dir, 1);
      const parallel = runCli(dir, jobs);
      one.push(single.ms);
      all.push(parallel.ms);
      identical &&= single.stdout === warm.stdout && parallel.stdout === warm.stdout && single.status === parallel.status;
    }
    return {
      filesPerSecond: options.drafts / (median(all) / 1000),
      speedup: median(one) / median(all),
      oneJobMs: median(one),
      allJobsMs: median(all),
      jobs,
      identicalOutput: identical,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
