/** The `sourcecheck` command line: its options, their checks, and the usage text. */
import { parseArgs } from 'node:util';
import * as os from 'node:os';
import { MAX_TIME_BUDGET_MS } from '../engine/config';

/** The usage text, printed by `--help` and after a usage error. */
export const USAGE = `Usage: sourcecheck [options] FILE|DIR|GLOB...
       sourcecheck [options] [--stdin-filename PATH] -
       sourcecheck facts [--format text|json] [--sources GLOB]... [--facts PATH]... [--no-default-facts]
       sourcecheck explain [--format text|json] [--sources GLOB]... [--facts PATH]... [--no-default-facts] FILE:LINE

Checks Markdown drafts against source facts: wrong figures and dates, missing or wrong citations.
\`sourcecheck facts\` lists the facts read from source notes, with their quotes and locations.
\`sourcecheck explain FILE:LINE\` shows, for each value on that line, what it was read to measure and
each fact considered for it, with why it was taken or ruled out.
A directory stands for the Markdown files under it, less those .gitignore or the ignore: list of
.sourcecheck.yaml names; - reads one draft from standard input.

Options:
  --format text|json|sarif  output format (default: text)
  --facts PATH              add a fact file (repeatable)
  --sources GLOB            add source notes (Markdown or text with cited statements) to read facts from (repeatable)
  --no-default-facts        do not use the bundled seed facts
  --fix                     apply the preferred fixes in place, then report what is left
  --jobs N                  check on N threads (default: the number of cores); output is the same
  --time-budget MS          stop checking a draft after MS milliseconds and report it as not checked
                            (default: timeBudgetMs in .sourcecheck.yaml, else 5000)
  --stdin-filename PATH     with -: the path to report standard input as, and to find .sourcecheck.yaml from
  --max-warnings N          exit 1 on more than N warnings; errors always do (default: any warning does)
  --cache                   keep each draft's findings and reuse them while the draft, the fact base, the
                            settings and the tool are unchanged (not with --fix or -)
  --cache-location PATH     the cache file, or a directory for it (default: node_modules/.cache/sourcecheck/)
  -h, --help                show this help
  --version                 show the version

Exit status: 0 no errors or warnings (or no more than --max-warnings), 1 findings, 2 usage, unreadable input, a draft not checked
within its time budget, or fact-base error.`;

/** A command line that cannot be run; the message says why. */
export class UsageError extends Error {}

/** The arguments `sourcecheck facts` and `sourcecheck explain` share. */
export interface FactBaseCommandOptions {
  format: 'text' | 'json';
  facts: string[];
  sources: string[];
  /** False with --no-default-facts; otherwise undefined, so `.sourcecheck.yaml` decides. */
  defaultFacts: false | undefined;
  positionals: string[];
}

/**
 * Parses the arguments of a subcommand that reads the fact base (`facts`, `explain`): `--format
 * text|json`, `--facts`, `--sources`, `--no-default-facts`. Throws {@link UsageError} naming the command.
 */
export function parseFactBaseCommand(command: string, argv: string[], allowPositionals: boolean): FactBaseCommandOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals,
      options: {
        format: { type: 'string', default: 'text' },
        facts: { type: 'string', multiple: true, default: [] },
        sources: { type: 'string', multiple: true, default: [] },
        'no-default-facts': { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    throw new UsageError(`sourcecheck ${command}: ${(error as Error).message}`);
  }
  const { values, positionals } = parsed;
  const format = values.format as string;
  if (format !== 'text' && format !== 'json') throw new UsageError(`sourcecheck ${command}: unknown format "${format}" (expected text or json)`);
  return {
    format,
    facts: values.facts as string[],
    sources: values.sources as string[],
    defaultFacts: values['no-default-facts'] ? false : undefined,
    positionals,
  };
}

/** What a checking run was asked to do. */
export interface CliOptions {
  format: 'text' | 'json' | 'sarif';
  facts: string[];
  sources: string[];
  /** False with --no-default-facts; otherwise undefined, so `.sourcecheck.yaml` decides. */
  defaultFacts: false | undefined;
  fix: boolean;
  jobs: number;
  /** --time-budget; otherwise undefined, so `.sourcecheck.yaml` decides. */
  timeBudgetMs: number | undefined;
  /** --max-warnings: more warnings than this exit 1, -1 never; undefined: any warning exits 1. */
  maxWarnings: number | undefined;
  /** Files, directories and globs; or exactly `-`, standard input. */
  inputs: string[];
  /** With `-`: the path standard input is reported as. */
  stdinFilename: string | undefined;
  /** --cache: reuse the findings of unchanged drafts. */
  cache: boolean;
  /** --cache-location, as given. */
  cacheLocation: string | undefined;
}

/** The default of `--jobs`: the cores this process may use. */
function availableCores(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

/** Parses the arguments of a checking run; throws {@link UsageError} on a command line that cannot run. */
export function parseCommandLine(argv: string[]): CliOptions | 'help' | 'version' {
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
        'stdin-filename': { type: 'string' },
        'max-warnings': { type: 'string' },
        cache: { type: 'boolean', default: false },
        'cache-location': { type: 'string' },
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
  let maxWarnings: number | undefined;
  const max = values['max-warnings'];
  if (max !== undefined) {
    if (!/^(-1|0|[1-9]\d{0,8})$/.test(max)) throw new UsageError(`--max-warnings takes a whole number from 0, or -1 for no limit (got "${max}")`);
    maxWarnings = Number(max);
  }
  if (positionals.length === 0) throw new UsageError('no files given');
  const stdin = positionals.includes('-');
  if (stdin && positionals.length > 1) throw new UsageError('- (standard input) cannot be mixed with files');
  if (stdin && values.fix) throw new UsageError('--fix cannot rewrite standard input');
  const stdinFilename = values['stdin-filename'];
  if (stdinFilename !== undefined && !stdin) throw new UsageError('--stdin-filename goes with - (standard input)');
  const cacheLocation = values['cache-location'];
  if (cacheLocation !== undefined && !values.cache) throw new UsageError('--cache-location goes with --cache');
  return {
    format,
    facts: values.facts as string[],
    sources: values.sources as string[],
    defaultFacts: values['no-default-facts'] ? false : undefined,
    fix: values.fix as boolean,
    jobs,
    timeBudgetMs,
    maxWarnings,
    inputs: positionals,
    stdinFilename,
    cache: values.cache as boolean,
    cacheLocation,
  };
}
