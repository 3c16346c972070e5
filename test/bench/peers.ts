/**
 * The `peers` section: Source Check beside markdownlint-cli2 on the same drafts, whole processes as
 * CI runs them. The corpus is generated from the seed facts' examples (their right and wrong
 * statements, cited and not, among ordinary prose, lists, tables, code and footnotes; see
 * `generate.ts`): 500 drafts of about 10 KB and one 1 MB draft.
 * The two tools run alternately, each after a warm-up; CPU is the user + system time of the child
 * process and all its threads (Linux: read from the parent's reaped-children counters).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './cli';
import { generateDraft, type SeedStatements } from './generate';
import { median } from './stats';

/** Writes `count` drafts of about `size` characters into `dir`; returns their total size in bytes. */
export function writeCorpus(dir: string, count: number, size: number, seeds: SeedStatements): number {
  mkdirSync(dir, { recursive: true });
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const text = generateDraft({ size, seed: 1000 + i, seeds });
    writeFileSync(path.join(dir, `draft-${String(i).padStart(4, '0')}.md`), text);
    bytes += Buffer.byteLength(text);
  }
  return bytes;
}

/** markdownlint-cli2's defaults with the rules that do not fit prose drafts off, as the issue sets them. */
export const MARKDOWNLINT_CONFIG = { config: { MD013: false, MD024: false, MD025: false } };

/** Clock ticks of the reaped children of this process (user + system), or undefined off Linux. */
function childCpuTicks(): number | undefined {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 16 and 17 of /proc/[pid]/stat (cutime, cstime); the slice starts at field 3.
    return Number(fields[13]) + Number(fields[14]);
  } catch {
    return undefined;
  }
}

/** Clock ticks per second of /proc (USER_HZ): 100 on every Linux this runs on. */
const TICKS_PER_SECOND = 100;

/** One whole-process run: wall and CPU milliseconds. */
export interface ProcessRun {
  wallMs: number;
  cpuMs: number | null;
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node args...` in `cwd` and measures it. */
export function measure(args: string[], cwd: string): ProcessRun {
  const before = childCpuTicks();
  const start = performance.now();
  const run = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  const wallMs = performance.now() - start;
  const after = childCpuTicks();
  if (run.error) throw run.error;
  const cpuMs = before === undefined || after === undefined ? null : ((after - before) * 1000) / TICKS_PER_SECOND;
  return { wallMs, cpuMs, status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The command lines of the two tools over `inputs` (globs or files, relative to the corpus directory). */
export function commands(inputs: string[], extra: string[] = []): { sourcecheck: string[]; markdownlint: string[] } {
  const root = repoRoot();
  return {
    sourcecheck: [path.join(root, 'bin', 'sourcecheck.js'), ...extra, ...inputs],
    markdownlint: [path.join(root, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs'), ...inputs],
  };
}

/** Medians of the alternating runs of both tools over one corpus. */
export interface PeerFigures {
  sourcecheckWallMs: number;
  sourcecheckCpuMs: number | null;
  markdownlintWallMs: number;
  markdownlintCpuMs: number | null;
  wallRatio: number;
  cpuRatio: number | null;
}

function check(run: ProcessRun, tool: string): ProcessRun {
  // Both exit 1 when they find something; anything else is a failure of the run. Node also exits 1
  // when the tool cannot start (a module not installed): markdownlint-cli2 then never says what it lints.
  const failed = run.status !== 0 && run.status !== 1;
  const notStarted = tool === 'markdownlint-cli2' && !/^Linting: \d+ file/m.test(run.stdout);
  if (failed || notStarted) throw new Error(`${tool} failed (exit ${run.status}): ${run.stderr.slice(0, 2000)}`);
  return run;
}

/** Runs Source Check and markdownlint-cli2 alternately `runs` times each over `inputs` in `dir`, after one warm-up each. */
export function compare(dir: string, inputs: string[], runs: number, extra: string[] = []): PeerFigures {
  writeFileSync(path.join(dir, '.markdownlint-cli2.jsonc'), JSON.stringify(MARKDOWNLINT_CONFIG));
  const { sourcecheck, markdownlint } = commands(inputs, extra);
  check(measure(sourcecheck, dir), 'sourcecheck');
  check(measure(markdownlint, dir), 'markdownlint-cli2');
  const ours: ProcessRun[] = [];
  const theirs: ProcessRun[] = [];
  for (let i = 0; i < runs; i++) {
    ours.push(check(measure(sourcecheck, dir), 'sourcecheck'));
    theirs.push(check(measure(markdownlint, dir), 'markdownlint-cli2'));
  }
  const cpu = (list: ProcessRun[]) => (list.every((r) => r.cpuMs !== null) ? median(list.map((r) => r.cpuMs as number)) : null);
  const figures = {
    sourcecheckWallMs: median(ours.map((r) => r.wallMs)),
    sourcecheckCpuMs: cpu(ours),
    markdownlintWallMs: median(theirs.map((r) => r.wallMs)),
    markdownlintCpuMs: cpu(theirs),
  };
  return {
    ...figures,
    wallRatio: figures.sourcecheckWallMs / figures.markdownlintWallMs,
    cpuRatio: figures.sourcecheckCpuMs !== null && figures.markdownlintCpuMs ? figures.sourcecheckCpuMs / figures.markdownlintCpuMs : null,
  };
}

/** A second `--cache` run over the unchanged corpus (after one that fills the cache): median wall ms of `runs`. */
export function cachedRun(dir: string, inputs: string[], runs: number): { wallMs: number; identical: boolean } {
  const { sourcecheck } = commands(inputs, ['--cache', '--cache-location', path.join(dir, '.sourcecheck-cache', '/')]);
  const fresh = check(measure(commands(inputs).sourcecheck, dir), 'sourcecheck');
  check(measure(sourcecheck, dir), 'sourcecheck');
  const times: number[] = [];
  let identical = true;
  for (let i = 0; i < runs; i++) {
    const run = check(measure(sourcecheck, dir), 'sourcecheck');
    times.push(run.wallMs);
    identical &&= run.stdout === fresh.stdout && run.status === fresh.status;
  }
  return { wallMs: median(times), identical };
}
