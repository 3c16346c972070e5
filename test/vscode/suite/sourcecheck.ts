// Helpers for the Source Check in-editor tests: the extension under test, the workspace drafts, the
// CLI's findings for the same files, scratch copies for tests that edit, and the server process.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { waitFor, waitForDiagnostics, workspaceFolder } from './util';

/** The id of the extension under test (`publisher.name` in package.json). */
export const EXTENSION_ID = 'source-check.source-check';

/** How long a test waits for the server to (re)check a draft. Generous: the first check includes activation. */
export const CHECK_TIMEOUT_MS = 30_000;

/** The extension under test: the development copy, or the installed .vsix under `run-code-server.mjs --vsix`. */
export function extension(): vscode.Extension<unknown> {
  const found = vscode.extensions.getExtension(EXTENSION_ID);
  if (!found) throw new Error(`extension ${EXTENSION_ID} is not installed in this window`);
  return found;
}

/** The repository root; the compiled suite lives in `<repo>/dist/test/vscode/suite/` under both runners. */
export function repoRoot(): string {
  return path.resolve(__dirname, '..', '..', '..', '..');
}

/** A file in the workspace folder. */
export function workspaceFile(...parts: string[]): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder(), ...parts);
}

/** Opens `uri` in an editor and waits until the extension is active. */
export async function openDraft(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  await extension().activate();
  return editor;
}

/** Counts scratch copies across test files (each test file is bundled with its own copy of this module). */
const counters = globalThis as { sourcecheckScratchCount?: number };

/**
 * A fresh copy of `drafts/<name>` (plus `append`, if given) at `scratch/<n>-<name>`, opened in an
 * editor. Tests that edit work on copies, so every test starts from the shared example as committed.
 */
export async function openScratchCopy(name: string, append = ''): Promise<vscode.TextEditor> {
  const source = workspaceFile('drafts', name);
  const text = Buffer.from(await vscode.workspace.fs.readFile(source)).toString('utf8') + append;
  // In drafts/'s sibling, so the same .sourcecheck.yaml applies.
  counters.sourcecheckScratchCount = (counters.sourcecheckScratchCount ?? 0) + 1;
  const uri = workspaceFile('scratch', `${counters.sourcecheckScratchCount}-${name}`);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
  return openDraft(uri);
}

/** The Source Check diagnostics of `uri`, sorted by position. */
export function sourcecheckDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === 'sourcecheck')
    .sort((a, b) => a.range.start.compareTo(b.range.start));
}

/** Waits until the Source Check diagnostics of `uri` satisfy `predicate`; resolves with them, sorted. */
export async function waitForFindings(
  uri: vscode.Uri,
  predicate: (diagnostics: vscode.Diagnostic[]) => boolean,
  timeoutMs = CHECK_TIMEOUT_MS,
): Promise<vscode.Diagnostic[]> {
  const own = (all: readonly vscode.Diagnostic[]) => all.filter((d) => d.source === 'sourcecheck');
  await waitForDiagnostics(uri, (all) => predicate(own(all)), timeoutMs);
  return sourcecheckDiagnostics(uri);
}

/** The diagnostic's code as a string (`code` may be `{ value, target }` when it links to the docs). */
export function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return typeof code === 'object' && code !== null ? String(code.value) : String(code);
}

/** One finding as the CLI's `--format json` reports it. */
export interface CliFinding {
  code: string;
  severity: 'error' | 'warning' | 'information' | 'hint';
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  factId?: string;
  expected?: string;
  fixes: Array<{ title: string; edits: Array<{ range: CliFinding['range']; newText: string }> }>;
}

/** Runs the extension's own CLI (`bin/sourcecheck.js`, shipped in the .vsix) on `files`, from the workspace folder. */
export function runCli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const cli = path.join(extension().extensionPath, 'bin', 'sourcecheck.js');
  // The extension host may be Electron (desktop VS Code): make its binary behave as Node.
  const result = spawnSync(process.execPath, [cli, ...args], {
    cwd: workspaceFolder().fsPath,
    encoding: 'utf8',
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    timeout: 30_000,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The CLI's findings for one file, in document order. */
export function cliFindings(uri: vscode.Uri): CliFinding[] {
  const { status, stdout, stderr } = runCli(['--format', 'json', uri.fsPath]);
  if (status === 2) throw new Error(`sourcecheck --format json failed: ${stderr}`);
  const report = JSON.parse(stdout) as { files: Array<{ findings: CliFinding[] }> };
  return report.files[0]?.findings ?? [];
}

/** The LSP severity name of a VS Code severity, to compare with the CLI's. */
export function severityName(severity: vscode.DiagnosticSeverity): CliFinding['severity'] {
  return (['error', 'warning', 'information', 'hint'] as const)[severity];
}

/** A diagnostic reduced to what the CLI also reports. */
export function comparable(diagnostic: vscode.Diagnostic): Pick<CliFinding, 'code' | 'severity' | 'message' | 'range'> {
  const { start, end } = diagnostic.range;
  return {
    code: codeOf(diagnostic),
    severity: severityName(diagnostic.severity),
    message: diagnostic.message,
    range: { start: { line: start.line, character: start.character }, end: { line: end.line, character: end.character } },
  };
}

/** A CLI finding reduced the same way. */
export function comparableCli(finding: CliFinding): ReturnType<typeof comparable> {
  return { code: finding.code, severity: finding.severity, message: finding.message, range: finding.range };
}

/** The plain text of hover contents (Markdown as written, with backslash escapes removed). */
export function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n\n')
    .replace(/\\([\\`*_{}[\]()#+\-.!$<>|~])/g, '$1');
}

/** Code actions at `range`, optionally only of `kind` (hierarchical, as VS Code filters them). */
export async function codeActions(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  const actions = (await vscode.commands.executeCommand<Array<vscode.CodeAction | vscode.Command>>('vscode.executeCodeActionProvider', uri, range, kind)) ?? [];
  return actions.filter((a): a is vscode.CodeAction => 'title' in a && !('command' in a && typeof a.command === 'string'));
}

/** Applies a code action's edit and fails when VS Code refuses it. */
export async function applyAction(action: vscode.CodeAction): Promise<void> {
  if (!action.edit) throw new Error(`code action "${action.title}" has no edit`);
  const applied = await vscode.workspace.applyEdit(action.edit);
  if (!applied) throw new Error(`VS Code did not apply "${action.title}"`);
}

/** Sets `sourcecheck.<key>` in the workspace settings and waits until VS Code reports the change. */
export async function setSetting(key: string, value: unknown): Promise<void> {
  const configuration = vscode.workspace.getConfiguration('sourcecheck');
  // Setting what is already there fires no change event.
  if (JSON.stringify(configuration.inspect(key)?.workspaceValue) === JSON.stringify(value)) return;
  const changed = waitFor(vscode.workspace.onDidChangeConfiguration, (e) => e.affectsConfiguration(`sourcecheck.${key}`), 10_000, `sourcecheck.${key} to change`);
  await configuration.update(key, value, vscode.ConfigurationTarget.Workspace);
  await changed;
}

/**
 * The process ids of the extension's language servers: children of this extension host whose
 * command line runs the extension's `dist/server.js`. Linux reads /proc; macOS and the BSDs use `ps`;
 * undefined where neither works (Windows), so a test can skip.
 */
export function serverPids(): number[] | undefined {
  const module = path.join(extension().extensionPath, 'dist', 'server.js');
  const found: number[] = [];
  if (process.platform === 'linux') {
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
        // `pid (comm) state ppid ...`: comm may contain spaces and parentheses, so split after the last ')'.
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        if (ppid !== process.pid) continue;
        const argv = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
        if (argv.includes(module)) found.push(Number(entry));
      } catch {
        // the process ended while we looked
      }
    }
    return found;
  }
  if (process.platform === 'win32') return undefined;
  try {
    const out = execFileSync('ps', ['-A', '-o', 'pid=,ppid=,command='], { encoding: 'utf8' });
    for (const line of out.split('\n')) {
      const m = /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line);
      if (m && Number(m[2]) === process.pid && m[3]!.includes(module)) found.push(Number(m[1]));
    }
    return found;
  } catch {
    return undefined;
  }
}

/** Whether a process is still alive. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Polls `check` every 100 ms until it returns a value, for state that has no event (processes);
 * rejects after `timeoutMs` with `description`.
 */
export function pollUntil<T>(check: () => T | undefined, timeoutMs: number, description: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const deadline = Date.now() + timeoutMs;
    const tick = (): void => {
      let value: T | undefined;
      try {
        value = check();
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      if (value !== undefined) resolve(value);
      else if (Date.now() > deadline) reject(new Error(`timed out after ${timeoutMs} ms waiting for ${description}`));
      else setTimeout(tick, 100);
    };
    tick();
  });
}
