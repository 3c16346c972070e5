/**
 * The CLI's time budget through the real CLI: a draft whose check runs past it is reported as not
 * checked (exit 2, one line on stderr, no stack trace) while the other drafts are still checked by a
 * fresh worker; the budget comes from `--time-budget` or `timeBudgetMs` in `.sourcecheck.yaml`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runCli } from '../helpers/cli';

const WRONG = 'CoreWeave valued the expanded Meta agreement at roughly $31 billion. (investors.coreweave.com)\n';

/** Lists nested up to 40 deep: 2,000 lines take seconds to parse, far past a 200 ms budget. */
function nested(lines: number): string {
  let text = '';
  for (let i = 0; i < lines; i++) text += `${'- '.repeat((i % 40) + 1)}[x]${'('.repeat(54)}\n`;
  return text;
}

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'sourcecheck-budget-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

test('a draft past --time-budget is not checked; the drafts after it still are (exit 2)', async () => {
  const dir = folder({ 'a-nested.md': nested(2000), 'b-wrong.md': WRONG, 'c-wrong.md': WRONG });
  try {
    const run = await runCli(['--jobs', '1', '--time-budget', '200', '--format', 'json', '*.md'], dir);
    assert.equal(run.code, 2, run.stderr);
    assert.equal(run.stderr, 'sourcecheck: a-nested.md: not checked: checking it took longer than the time budget of 200 ms (timeBudgetMs in .sourcecheck.yaml, or --time-budget)\n');
    const files = (JSON.parse(run.stdout) as { files: Array<{ path: string; error?: string; findings: Array<{ code: string }> }> }).files;
    assert.deepEqual(files.map((f) => [f.path, f.error !== undefined, f.findings.map((x) => x.code)]), [
      ['a-nested.md', true, []],
      ['b-wrong.md', false, ['mismatch']],
      ['c-wrong.md', false, ['mismatch']],
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('timeBudgetMs in .sourcecheck.yaml is the budget; --time-budget overrides it', async () => {
  const dir = folder({ '.sourcecheck.yaml': 'timeBudgetMs: 200\n', 'nested.md': nested(2000) });
  try {
    const fromConfig = await runCli(['nested.md'], dir);
    assert.equal(fromConfig.code, 2);
    assert.match(fromConfig.stderr, /^sourcecheck: nested\.md: not checked: checking it took longer than the time budget of 200 ms/);
    assert.doesNotMatch(fromConfig.stderr, /\n\s+at /);
    const generous = await runCli(['--time-budget', '600000', 'nested.md'], dir);
    assert.equal(generous.code, 0, generous.stderr);
    assert.match(generous.stdout, /1 file checked, no problems/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--time-budget takes a whole number of milliseconds', async () => {
  const run = await runCli(['--time-budget', '1.5', 'x.md']);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /--time-budget takes a whole number of milliseconds from 1 \(got "1\.5"\)/);
});
