/** What a CLI run reports, shared by the run itself and each output format. */
import type { Finding } from '../engine/types';
import type { ProgressStream } from './progress';

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
  /** Where progress may go (stderr when it is a terminal); none by default. */
  progress?: ProgressStream;
}

/** The output of a real process. */
export const processOutput: Output = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  progress: process.stderr,
};

declare const __VERSION__: string | undefined;
/** The tool's version, set by the build; `0.0.0-dev` when run from the sources. */
export const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

/** The part of a finding the text, JSON and SARIF reports print (and all a cached finding keeps). */
export function reportedFinding(f: Finding): Finding {
  return {
    code: f.code,
    severity: f.severity,
    message: f.message,
    range: f.range,
    ...(f.factId !== undefined ? { factId: f.factId } : {}),
    ...(f.found !== undefined ? { found: f.found } : {}),
    ...(f.expected !== undefined ? { expected: f.expected } : {}),
    sources: f.sources,
    fixes: f.fixes.map((fix) => ({ title: fix.title, edits: fix.edits.map((e) => ({ range: e.range, newText: e.newText })) })),
  };
}
