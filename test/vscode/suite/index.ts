// Mocha entry point that VS Code loads in the extension host (extensionTestsPath).
// Runs every `*.test.js` next to this file (compiled from `*.test.ts`, tdd ui: suite/test) and writes
// the results to `<commsDir>/results.json` (see util.commsDir), which the code-server driver waits for.
// Rejects when a test fails, so that @vscode/test-electron's runTests also exits non-zero.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { commsDir, driverOptions, writeFileAtomic } from './util';

interface TestResult {
  title: string;
  fullTitle: string;
  file?: string;
  durationMs?: number;
  error?: string;
  stack?: string;
}

export interface SuiteResults {
  startedAt: string;
  finishedAt: string;
  passes: TestResult[];
  failures: TestResult[];
  pending: TestResult[];
}

function describeTest(test: Mocha.Runnable, error?: unknown): TestResult {
  const result: TestResult = { title: test.title, fullTitle: test.fullTitle(), file: test.file ? path.basename(test.file) : undefined, durationMs: test.duration };
  if (error !== undefined) {
    const err = error as { message?: unknown; stack?: unknown };
    result.error = typeof err?.message === 'string' ? err.message : String(error);
    if (typeof err?.stack === 'string') result.stack = err.stack;
  }
  return result;
}

export async function run(): Promise<void> {
  const dir = commsDir();
  const resultsFile = path.join(dir, 'results.json');
  const results: SuiteResults = { startedAt: new Date().toISOString(), finishedAt: '', passes: [], failures: [], pending: [] };
  const options = driverOptions();
  try {
    const mocha = new Mocha({ ui: 'tdd', timeout: 60_000, color: false, reporter: 'spec' });
    if (options.grep) mocha.grep(new RegExp(options.grep));
    const files = fs.readdirSync(__dirname).filter((file) => file.endsWith('.test.js')).sort();
    for (const file of files) mocha.addFile(path.join(__dirname, file));
    await new Promise<void>((resolve) => {
      // mocha.run requires the files synchronously (CommonJS), so `require('vscode')` resolves as in an extension.
      const runner = mocha.run(() => resolve());
      runner.on('pass', (test) => results.passes.push(describeTest(test)));
      runner.on('fail', (test, error) => results.failures.push(describeTest(test, error)));
      runner.on('pending', (test) => results.pending.push(describeTest(test)));
    });
  } catch (error) {
    // A test file that throws while loading, or mocha itself failing: report it rather than time out.
    const err = error as Error;
    results.failures.push({ title: 'loading the suite', fullTitle: 'loading the suite', error: err?.message ?? String(error), stack: err?.stack });
  }
  results.finishedAt = new Date().toISOString();
  writeFileAtomic(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  if (results.failures.length > 0) throw new Error(`${results.failures.length} test(s) failed`);
}
