/**
 * `sourcecheck`: checks Markdown drafts against their sources from the command line.
 *
 *   sourcecheck [--format text|json|sarif] [--facts PATH]... [--sources GLOB]... [--no-default-facts] [--fix] FILE|GLOB...
 *   sourcecheck facts [--format text|json] [--sources GLOB]... [--facts PATH]... [--no-default-facts]
 *   sourcecheck explain [--format text|json] [--sources GLOB]... [--facts PATH]... [--no-default-facts] FILE:LINE
 *
 * Exit 0: no error or warning findings; 1: findings; 2: usage, unreadable input, a draft not checked
 * within its time budget, or a fact-base error.
 */
import { parseArgs } from 'node:util';
import * as os from 'node:os';
import * as path from 'node:path';
import { glob } from 'tinyglobby';
import { formatDiagnostic } from './engine/factbase/load';
import type { Finding } from './engine/types';
import { readTextFile } from './node/files';
import { MAX_TIME_BUDGET_MS } from './engine/config';
import { CheckPool, type CheckJob, type CheckOutcome } from './node/parallel';
import { findConfig, loadWorkspace, type Workspace, type WorkspaceOptions } from './node/workspace';
import { toSarif } from './sarif';
import { runFactsCommand } from './factsCommand';
import { runExplainCommand } from './explainCommand';

const USAGE = `Usage: sourcecheck [options] FILE|GLOB...
       sourcecheck facts [--format text|json] [--sources GLOB]... [--facts PATH]... [--no-default-facts]
       sourcecheck explain [--format text|json] [--sources GLOB]... [--facts PATH]... [--no-default-facts] FILE:LINE

Checks Markdown drafts against source facts: wrong figures and dates, missing or wrong citations.
\`sourcecheck facts\` lists the facts read from source notes, with their quotes and locations.
\`sourcecheck explain FILE:LINE\` shows, for each value on that line, what it was read to measure and
each fact considered for it, with why it was taken or ruled out.

Options:
  --format text|json|sarif  output format (default: text)
  --facts PATH              add a fact file (repeatable)
  --sources GLOB            add source notes (Markdown or text with cited statements) to read facts from (repeatable)
  --no-default-facts        do not use the bundled seed facts
  --fix                     apply the preferred fixes in place, then report what is left
  --jobs N                  check on N threads (default: the number of cores); output is the same
  --time-budget MS          stop checking a draft after MS milliseconds and report it as not checked
                            (default: timeBudgetMs in .sourcecheck.yaml, else 5000)
  -h, --help                show this help
  --version                 show the version

Exit status: 0 no errors or warnings, 1 findings, 2 usage, unreadable input, a draft not checked
within its time budget, or fact-base error.`;

/** One checked (or unreadable) file of a run. */
export interface FileReport {
  path: string;
  findings: Finding[];
  error?: string;
}

/** Writes to stdout and stderr; replaceable in tests. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
}

const processOutput: Output = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

class UsageError extends Error {}

interface CliOptions {
  format: 'text' | 'json' | 'sarif';
  facts: string[];
  sources: string[];
  /** False with --no-default-facts; otherwise undefined, so `.sourcecheck.yaml` decides. */
  defaultFacts: false | undefined;
  fix: boolean;
  jobs: number;
  /** --time-budget; otherwise undefined, so `.sourcecheck.yaml` decides. */
  timeBudgetMs: number | undefined;
  inputs: string[];
}

/** The default of `--jobs`: the cores this process may use. */
function availableCores(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

function parseCommandLine(argv: string[]): CliOptions | 'help' | 'version' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'text' },
        facts: { type: 'string', multiple: true, default: [] },
        sources: { type: 'string', multiple: true, default: [] },
        'no-default-facts': { type: 'boolean', default: false },
        fix: { type: 'boolean', default: false },
        jobs: { type: 'string' },
        'time-budget': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (values.version) return 'version';
  const format = values.format as string;
  if (format !== 'text' && format !== 'json' && format !== 'sarif') {
    throw new UsageError(`unknown format "${format}" (expected text, json or sarif)`);
  }
  let jobs = availableCores();
  if (values.jobs !== undefined) {
    if (!/^[1-9]\d{0,3}$/.test(values.jobs)) throw new UsageError(`--jobs takes a whole number from 1 (got "${values.jobs}")`);
    jobs = Number(values.jobs);
  }
  let timeBudgetMs: number | undefined;
  const budget = values['time-budget'];
  if (budget !== undefined) {
    if (!/^[1-9]\d{0,8}$/.test(budget)) throw new UsageError(`--time-budget takes a whole number of milliseconds from 1 (got "${budget}")`);
    timeBudgetMs = Math.min(MAX_TIME_BUDGET_MS, Number(budget));
  }
  if (positionals.length === 0) throw new UsageError('no files given');
  return {
    format,
    facts: values.facts as string[],
    sources: values.sources as string[],
    defaultFacts: values['no-default-facts'] ? false : undefined,
    fix: values.fix as boolean,
    jobs,
    timeBudgetMs,
    inputs: positionals,
  };
}

/** Expands globs; plain paths pass through as given so that errors name them. */
async function expandInputs(inputs: string[]): Promise<{ files: string[]; errors: FileReport[] }> {
  const files: string[] = [];
  const errors: FileReport[] = [];
  for (const input of inputs) {
    if (!/[*?[\]{}]/.test(input)) {
      files.push(input);
      continue;
    }
    const matches = await glob(input, { onlyFiles: true, dot: false, ignore: ['**/node_modules/**'], expandDirectories: false });
    if (matches.length === 0) errors.push({ path: input, findings: [], error: 'no files match this pattern' });
    files.push(...matches.sort());
  }
  return { files: [...new Set(files)], errors };
}

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

  const { files, errors } = await expandInputs(options.inputs);
  const workspaceOptions: WorkspaceOptions = { extraFacts: options.facts, sources: options.sources };
  if (options.defaultFacts === false) workspaceOptions.defaultFacts = false;
  const workspaces = new Map<string, Workspace>();
  const workspaceFor = (file: string): Workspace => {
    const configPath = findConfig(path.dirname(path.resolve(file)));
    const key = configPath ?? '';
    let workspace = workspaces.get(key);
    if (!workspace) {
      workspace = loadWorkspace(configPath, workspaceOptions);
      workspaces.set(key, workspace);
    }
    return workspace;
  };

  // Files are read and their workspaces loaded here, in order (fact-base diagnostics print once, in
  // the order of the files that first need them); the checks themselves may run on other threads.
  // Reports keep the order of the files whatever order the checks finish in.
  const reports: Array<FileReport | Promise<FileReport>> = [...errors];
  let factBaseBroken = false;
  const reported = new Set<Workspace>();
  // Workers start now, so that their start-up overlaps reading the files; each draft goes to them
  // as soon as it is read.
  // Even one draft is checked on a worker: only a worker can be stopped when its budget runs out.
  const threads = Math.min(options.jobs, files.length);
  const pool = threads > 0 ? new CheckPool(threads, workspaceOptions) : undefined;
  try {
    for (const file of files) {
      const read = await readTextFile(file);
      if ('error' in read) {
        reports.push({ path: file, findings: [], error: read.error });
        continue;
      }
      const workspace = workspaceFor(file);
      if (!reported.has(workspace)) {
        reported.add(workspace);
        for (const diagnostic of workspace.diagnostics) output.err(`${formatDiagnostic({ ...diagnostic, file: displayPath(diagnostic.file) })}\n`);
      }
      if (!workspace.base) {
        factBaseBroken = true;
        continue;
      }
      const budgetMs = options.timeBudgetMs ?? workspace.config.timeBudgetMs;
      const job: CheckJob = { file, text: read.text, configPath: workspace.configPath, fix: options.fix, budgetMs };
      const report = (pool as CheckPool).check(job).then((outcome) => toReport(file, outcome));
      // Awaited in file order below; a failure surfaces there, not as an unhandled rejection.
      report.catch(() => undefined);
      reports.push(report);
    }
    for (let i = 0; i < reports.length; i++) reports[i] = await reports[i] as FileReport;
  } finally {
    await pool?.close();
  }

  if (factBaseBroken) {
    output.err('sourcecheck: the fact base has errors (above); nothing was checked against it.\n');
    return 2;
  }
  const done = reports as FileReport[];
  const inputErrors = done.filter((r) => r.error !== undefined);
  for (const report of inputErrors) output.err(`sourcecheck: ${report.path}: ${report.error}\n`);

  switch (options.format) {
    case 'json':
      output.out(`${JSON.stringify({ files: done.map(toJsonFile) }, null, 2)}\n`);
      break;
    case 'sarif':
      output.out(`${JSON.stringify(toSarif(done, VERSION), null, 2)}\n`);
      break;
    default:
      output.out(formatText(done));
  }
  if (inputErrors.length > 0) return 2;
  return done.some((r) => r.findings.some((f) => f.severity === 'error' || f.severity === 'warning')) ? 1 : 0;
}

function toReport(file: string, outcome: CheckOutcome): FileReport {
  return outcome.error !== undefined ? { path: file, findings: outcome.findings, error: outcome.error } : { path: file, findings: outcome.findings };
}

function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

function toJsonFile(report: FileReport): object {
  return {
    path: report.path,
    ...(report.error !== undefined ? { error: report.error } : {}),
    findings: report.findings.map((f) => ({
      code: f.code,
      severity: f.severity,
      message: f.message,
      range: f.range,
      ...(f.factId !== undefined ? { factId: f.factId } : {}),
      ...(f.found !== undefined ? { found: f.found } : {}),
      ...(f.expected !== undefined ? { expected: f.expected } : {}),
      sources: f.sources,
      fixes: f.fixes.map((fix) => ({ title: fix.title, edits: fix.edits })),
    })),
  };
}

function formatText(reports: FileReport[]): string {
  let text = '';
  let errors = 0;
  let warnings = 0;
  let others = 0;
  for (const report of reports) {
    for (const f of report.findings) {
      text += `${report.path}:${f.range.start.line + 1}:${f.range.start.character + 1}  ${f.severity}  ${f.message}  ${f.code}\n`;
      if (f.severity === 'error') errors++;
      else if (f.severity === 'warning') warnings++;
      else others++;
    }
  }
  const total = errors + warnings + others;
  const checked = reports.filter((r) => r.error === undefined).length;
  text += total === 0
    ? `${checked} file${checked === 1 ? '' : 's'} checked, no problems\n`
    : `${total} problem${total === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${others} hint${others === 1 ? '' : 's'}) in ${checked} file${checked === 1 ? '' : 's'}\n`;
  return text;
}

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';
