// Helpers for tests that run inside the VS Code extension host (code-server or desktop VS Code).
// Wait on events, never on a fixed sleep; poll with a deadline only where no event exists (files).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';

/** Directory shared with the driver: results.json, driver.json, screenshot requests. */
export function commsDir(): string {
  const fromEnv = process.env.SOURCECHECK_TEST_DIR;
  if (fromEnv) return fromEnv;
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (folder?.uri.scheme === 'file') return path.join(folder.uri.fsPath, '.sourcecheck-test');
  return path.join(os.tmpdir(), 'sourcecheck-test');
}

export interface DriverOptions {
  /** The driver answers screenshot requests (code-server driver only). */
  screenshots?: boolean;
  /** Only run tests whose full title matches this regular expression. */
  grep?: string;
  /** The extension under test was installed from a .vsix (`run-code-server.mjs --vsix`). */
  vsix?: boolean;
}

/** What the driver wrote to driver.json before opening the workbench ({} when absent). */
export function driverOptions(): DriverOptions {
  try {
    return JSON.parse(fs.readFileSync(path.join(commsDir(), 'driver.json'), 'utf8')) as DriverOptions;
  } catch {
    return {};
  }
}

/** The first workspace folder; throws when the window has none. */
export function workspaceFolder(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open');
  return folder.uri;
}

/** Resolves with the first event that satisfies `predicate`; rejects after `timeoutMs`. */
export function waitFor<T>(
  event: vscode.Event<T>,
  predicate: (value: T) => boolean = () => true,
  timeoutMs = 30_000,
  description = 'event',
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${description}`));
    }, timeoutMs);
    const subscription = event((value) => {
      let matched: boolean;
      try {
        matched = predicate(value);
      } catch (error) {
        clearTimeout(timer);
        subscription.dispose();
        reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      if (matched) {
        clearTimeout(timer);
        subscription.dispose();
        resolve(value);
      }
    });
  });
}

/**
 * Resolves with the diagnostics of `uri` once `predicate` holds for them (by default: at least one).
 * Checks the current diagnostics first, then every `onDidChangeDiagnostics` that names `uri`.
 */
export async function waitForDiagnostics(
  uri: vscode.Uri,
  predicate: (diagnostics: readonly vscode.Diagnostic[]) => boolean = (diagnostics) => diagnostics.length > 0,
  timeoutMs = 30_000,
): Promise<vscode.Diagnostic[]> {
  const key = uri.toString();
  let last: vscode.Diagnostic[] = [];
  const check = (): boolean => predicate((last = vscode.languages.getDiagnostics(uri)));
  // Subscribe before the first check so that no change slips between the two.
  const changed = waitFor(
    vscode.languages.onDidChangeDiagnostics,
    (event) => event.uris.some((changedUri) => changedUri.toString() === key) && check(),
    timeoutMs,
    `diagnostics on ${uri.fsPath || key}`,
  );
  if (check()) {
    changed.catch(() => undefined);
    return last;
  }
  try {
    await changed;
  } catch (error) {
    const seen = last.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`).join('; ');
    throw new Error(`${(error as Error).message}; last diagnostics: [${seen}]`);
  }
  return last;
}

/** Resolves when `file` exists (fs.watch on its folder, with polling as a fallback); rejects after `timeoutMs`. */
export function waitForFile(file: string, timeoutMs = 30_000): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let watcher: fs.FSWatcher | undefined;
    const done = (error?: Error): void => {
      clearInterval(poll);
      clearTimeout(timer);
      watcher?.close();
      if (error) reject(error);
      else resolve();
    };
    const check = (): void => {
      if (fs.existsSync(file)) done();
    };
    const poll = setInterval(check, 250);
    const timer = setTimeout(() => done(new Error(`timed out after ${timeoutMs} ms waiting for ${file}`)), timeoutMs);
    try {
      watcher = fs.watch(path.dirname(file), check);
    } catch {
      // polling covers it
    }
    check();
  });
}

/** Writes `file` atomically (temporary file, then rename) so that a reader never sees half of it. */
export function writeFileAtomic(file: string, content: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, content);
  fs.renameSync(temporary, file);
}

/** Numbers screenshot requests across test files (each test file is bundled with its own copy of this module). */
const shared = globalThis as { sourcecheckScreenshotCount?: number };

export interface ScreenshotOptions {
  /** CSS selector in the workbench page to wait for (visible) before the shot, e.g. '.monaco-hover'. */
  selector?: string;
  /** Text the selected element (or the page) must contain before the shot. */
  text?: string;
  /** CSS selector of the element whose area is captured (default: the whole page), e.g. '.part.editor'. */
  clip?: string;
  /** How long the driver waits for selector/text (default 10 s). */
  timeoutMs?: number;
}

/**
 * Asks the driver to screenshot the workbench page now, and waits until it has.
 * Returns the PNG's path, or undefined when the driver takes no screenshots (the Electron runner, or the
 * code-server driver without --screenshots). `name` becomes the file name: `<screenshots dir>/<name>.png`.
 * UI reacts asynchronously: pass `selector`/`text` for what must be on screen (a hover, a squiggle).
 */
export async function screenshot(name: string, options: ScreenshotOptions = {}): Promise<string | undefined> {
  if (!driverOptions().screenshots) return undefined;
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, '-');
  shared.sourcecheckScreenshotCount = (shared.sourcecheckScreenshotCount ?? 0) + 1;
  const stem = path.join(commsDir(), 'screenshots', `${String(shared.sourcecheckScreenshotCount).padStart(3, '0')}-${safe}`);
  writeFileAtomic(`${stem}.request`, JSON.stringify({ name: safe, ...options }));
  await waitForFile(`${stem}.done`, (options.timeoutMs ?? 10_000) + 30_000);
  const answer = JSON.parse(fs.readFileSync(`${stem}.done`, 'utf8')) as { path?: string; error?: string };
  if (answer.error) throw new Error(`screenshot ${safe} failed: ${answer.error}`);
  return answer.path;
}
