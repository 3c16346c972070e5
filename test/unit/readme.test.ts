/** The README's set-up example shows what the CLI really prints for the sample draft. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { runCli, REPO_ROOT } from '../helpers/cli';

test('the README shows the sample check exactly as the CLI prints it', async () => {
  const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const run = await runCli(['test/fixtures/sample-draft.md']);
  assert.equal(run.code, 1);
  assert.ok(readme.includes(`\`\`\`text\n${run.stdout}\`\`\``), `README should show:\n${run.stdout}`);
});
