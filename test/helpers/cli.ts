/** Runs the built `sourcecheck` CLI as a child process, as a user or CI would. */
import { execFile } from 'node:child_process';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const CLI = path.join(REPO_ROOT, 'bin', 'sourcecheck.js');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI with `args` in `cwd` and resolves with its exit code and output; `input` goes to its stdin. */
export function runCli(args: string[], cwd: string = REPO_ROOT, input?: string): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [CLI, ...args], { cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
    if (input !== undefined) child.stdin?.end(input);
  });
}

/** The findings of a `--format json` run, by file path. */
export interface JsonFinding {
  code: string;
  severity: string;
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  factId?: string;
  found?: string;
  expected?: string;
  sources: string[];
  fixes: Array<{ title: string; edits: Array<{ range: JsonFinding['range']; newText: string }> }>;
}

export function parseJsonReport(stdout: string): Map<string, JsonFinding[]> {
  const report = JSON.parse(stdout) as { files: Array<{ path: string; findings: JsonFinding[] }> };
  return new Map(report.files.map((f) => [f.path, f.findings]));
}

/** A fact file (with `notes.txt` as its document) whose one fact says Acme's revenue was `value`, citing example.org. */
export function acmeFacts(value: string): string {
  return `version: 1
documents:
  notes: notes.txt
sources:
  - id: example.org
    name: Example
    url: https://example.org/
parties:
  - id: acme
    names: [Acme]
facts:
  - id: acme-revenue
    statement: Acme's revenue was ${value}.
    parties: [acme]
    cues: [revenue]
    value: ${value}
    sources: [example.org]
    quote: Acme's revenue was ${value}
`;
}
