/**
 * `sourcecheck`: checks Markdown drafts against their sources from the command line.
 *
 *   sourcecheck [--format text|json|sarif] [--facts PATH]... [--sources GLOB]... [--no-default-facts] [--fix] FILE|GLOB...
 *   sourcecheck facts [--format text|json] [--sources GLOB]... [--facts PATH]... [--no-default-facts]
 *   sourcecheck explain [--format text|json] [--sources GLOB]... [--facts PATH]... [--no-default-facts] FILE:LINE
 *
 * Exit 0: no error or warning findings; 1: findings; 2: usage, unreadable input, a draft not checked
 * within its time budget, or a fact-base error. This module runs a check; the arguments, the inputs
 * and each output format have their own.
 */
import * as path from 'node:path';
import { formatDiagnostic } from '../engine/factbase/load';
import { decodeText, MAX_FILE_BYTES, readTextFile, type ReadResult } from '../node/files';
import { CheckPool, checkOptionsOf, type CheckJob, type CheckOutcome, type CheckWorkspace } from '../node/parallel';
import { findConfig, type WorkspaceOptions } from '../node/workspace';
import { parseCommandLine, UsageError, USAGE, type CliOptions } from './args';
import { expandInputs } from './inputs';
import { cacheFilePath, FindingsCache, hashOf } from './cache';
import { RunWorkspaces, type RunWorkspace } from './workspaces';
import { Progress } from './progress';
import { processOutput, VERSION, type FileReport, type Output } from './report';
import { formatText } from './text';
import { formatJson } from './json';
import { formatSarif } from './sarif';
import { runFactsCommand } from './factsCommand';
import { runExplainCommand } from './explainCommand';

export type { FileReport, Output } from './report';

/** Runs the CLI; resolves to the exit code. */
export async function main(argv: string[], output: Output = processOutput): Promise<number> {
  if (argv[0] === 'facts' || argv[0] === 'explain') {
    const code = argv[0] === 'facts' ? runFactsCommand(argv.slice(1), output) : runExplainCommand(argv.slice(1), output);
    if (code === 'usage') {
      output.err(`\n${USAGE}\n`);
      return 2;
    }
    return code;
  }
  let options: CliOptions;
  try {
    const parsed = parseCommandLine(argv);
    if (parsed === 'help') {
      output.out(`${USAGE}\n`);
      return 0;
    }
    if (parsed === 'version') {
      output.out(`${VERSION}\n`);
      return 0;
    }
    options = parsed;
  } catch (error) {
    if (error instanceof UsageError) {
      output.err(`sourcecheck: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw error;
  }

  const stdin = options.inputs[0] === '-';
  const { files, errors } = stdin ? { files: [options.stdinFilename ?? STDIN_PATH], errors: [] } : await expandInputs(options.inputs);
  const workspaceOptions: WorkspaceOptions = { extraFacts: options.facts, sources: options.sources };
  if (options.defaultFacts === false) workspaceOptions.defaultFacts = false;
  // The cache serves checks of drafts as they are on disk: not standard input, not fixes.
  const cache = options.cache && !stdin && !options.fix ? FindingsCache.load(cacheFilePath(options.cacheLocation), VERSION) : undefined;
  const workspaces = new RunWorkspaces(workspaceOptions, VERSION, cache);
  // Standard input without a name belongs to the current directory.
  const configOf = (file: string) => findConfig(stdin && options.stdinFilename === undefined ? process.cwd() : path.dirname(path.resolve(file)));

  // Files are read and their workspaces loaded here, in order (fact-base diagnostics print once, in
  // the order of the files that first need them); the checks themselves may run on other threads.
  // Reports keep the order of the files whatever order the checks finish in.
  const reports: Array<FileReport | Promise<FileReport>> = [...errors];
  let factBaseBroken = false;
  const reported = new Set<RunWorkspace>();
  const reportedLate = new Set<RunWorkspace>();
  // Workers start now, so that their start-up overlaps reading the files; each draft goes to them
  // as soon as it is read.
  // Even one draft is checked on a worker: only a worker can be stopped when its budget runs out.
  // With the cache, workers start at the first draft it does not hold, so a run it serves whole starts none.
  const threads = Math.min(options.jobs, files.length);
  let pool = threads > 0 && !cache ? new CheckPool(threads) : undefined;
  // What the workers check against: each workspace's fact base as loaded here, handed to each worker once.
  const handed = new Map<RunWorkspace, CheckWorkspace>();
  const progress = new Progress(output.progress, files.length);
  // Reads run ahead of the loop by a few files, so that it seldom waits on the disk.
  const reads = new Map<number, Promise<ReadResult>>();
  const readAhead = (i: number): void => {
    const file = files[i];
    if (file !== undefined && !reads.has(i)) reads.set(i, stdin ? readStdin() : readTextFile(file));
  };
  try {
    for (let i = 0; i < files.length; i++) {
      for (let ahead = i; ahead < i + READ_AHEAD; ahead++) readAhead(ahead);
      const file = files[i] as string;
      const read = await (reads.get(i) as Promise<ReadResult>);
      reads.delete(i);
      if ('error' in read) {
        reports.push({ path: file, findings: [], error: read.error });
        progress.tick();
        continue;
      }
      const workspace = workspaces.of(configOf(file));
      if (!reported.has(workspace)) {
        reported.add(workspace);
        for (const diagnostic of workspace.diagnostics) output.err(`${formatDiagnostic({ ...diagnostic, file: displayPath(diagnostic.file) })}\n`);
      }
      if (workspace.broken) {
        factBaseBroken = true;
        continue;
      }
      const draft = path.resolve(file);
      const key = cache ? hashOf([workspace.cacheKey, read.text]) : '';
      const cached = cache?.get(draft, key);
      if (cached) {
        reports.push({ path: file, findings: cached });
        progress.tick();
        continue;
      }
      const loaded = workspace.load();
      // A workspace the cache found unchanged is loaded only now; its files may have changed since.
      if (!loaded.base) {
        if (!reportedLate.has(workspace)) {
          reportedLate.add(workspace);
          for (const diagnostic of loaded.diagnostics) output.err(`${formatDiagnostic({ ...diagnostic, file: displayPath(diagnostic.file) })}\n`);
        }
        factBaseBroken = true;
        continue;
      }
      const budgetMs = options.timeBudgetMs ?? loaded.config.timeBudgetMs;
      let checkWorkspace = handed.get(workspace);
      if (!checkWorkspace) {
        checkWorkspace = { base: loaded.base, options: checkOptionsOf(loaded) };
        handed.set(workspace, checkWorkspace);
      }
      const job: CheckJob = { file, text: read.text, workspace: checkWorkspace, fix: options.fix, budgetMs };
      pool ??= new CheckPool(threads);
      const report = pool.check(job).then((outcome) => {
        progress.tick();
        if (cache && outcome.error === undefined && !outcome.notChecked) cache.set(draft, key, outcome.findings);
        return toReport(file, outcome);
      });
      // Awaited in file order below; a failure surfaces there, not as an unhandled rejection.
      report.catch(() => undefined);
      reports.push(report);
    }
    for (let i = 0; i < reports.length; i++) reports[i] = await reports[i] as FileReport;
  } finally {
    progress.finish();
    await pool?.close();
  }

  if (factBaseBroken) {
    output.err('sourcecheck: the fact base has errors (above); nothing was checked against it.\n');
    return 2;
  }
  try {
    await cache?.save();
  } catch (error) {
    // A cache that cannot be written costs the next run time, not this run its result.
    output.err(`sourcecheck: could not write the cache: ${(error as Error).message}\n`);
  }
  const done = reports as FileReport[];
  const inputErrors = done.filter((r) => r.error !== undefined);
  for (const report of inputErrors) output.err(`sourcecheck: ${report.path}: ${report.error}\n`);

  switch (options.format) {
    case 'json':
      output.out(formatJson(done));
      break;
    case 'sarif':
      output.out(formatSarif(done, VERSION));
      break;
    default:
      output.out(formatText(done));
  }
  if (inputErrors.length > 0) return 2;
  return exitCodeOf(done, options.maxWarnings, output);
}

/**
 * 1 when a run has an error finding, or warnings beyond `--max-warnings` (any warning without it),
 * else 0. Over the limit, says so on stderr, as eslint does.
 */
function exitCodeOf(reports: FileReport[], maxWarnings: number | undefined, output: Output): number {
  let errors = 0;
  let warnings = 0;
  for (const report of reports) {
    for (const f of report.findings) {
      if (f.severity === 'error') errors++;
      else if (f.severity === 'warning') warnings++;
    }
  }
  if (errors > 0) return 1;
  if (maxWarnings === undefined) return warnings > 0 ? 1 : 0;
  if (maxWarnings >= 0 && warnings > maxWarnings) {
    output.err(`sourcecheck: ${warnings} warning${warnings === 1 ? '' : 's'}, more than --max-warnings ${maxWarnings}\n`);
    return 1;
  }
  return 0;
}

/** Files read ahead of the one being handed to a check. */
const READ_AHEAD = 16;

/** How a draft read from standard input without --stdin-filename is named. */
const STDIN_PATH = '<stdin>';

/** The draft on standard input, refused past the size of the largest draft that is read from a file. */
async function readStdin(): Promise<ReadResult> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_FILE_BYTES) return { error: 'is over 5 MB; drafts over 5 MB are not checked' };
    chunks.push(buffer);
  }
  return decodeText(Buffer.concat(chunks, size));
}

function toReport(file: string, outcome: CheckOutcome): FileReport {
  return outcome.error !== undefined ? { path: file, findings: outcome.findings, error: outcome.error } : { path: file, findings: outcome.findings };
}

function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}
