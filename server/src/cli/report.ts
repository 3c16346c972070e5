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
