/** The documented GitHub Actions job (docs/examples/sourcecheck.yml): its command line runs and writes SARIF that is uploaded even on findings. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { runCli, REPO_ROOT } from '../helpers/cli';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, string>;
}

const workflow = parse(readFileSync(path.join(REPO_ROOT, 'docs', 'examples', 'sourcecheck.yml'), 'utf8')) as {
  permissions: Record<string, string>;
  jobs: Record<string, { steps: Step[] }>;
};
const steps = Object.values(workflow.jobs)[0]?.steps ?? [];

test('the job may write code-scanning results and uploads the SARIF file the check writes, findings or not', () => {
  assert.equal(workflow.permissions['security-events'], 'write');
  const check = steps.find((s) => s.run?.includes('sourcecheck'));
  const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
  assert.ok(check && upload);
  const written = /> (\S+)$/.exec(check.run as string)?.[1];
  assert.equal(upload.with?.sarif_file, written);
  assert.ok(steps.indexOf(upload) > steps.indexOf(check));
  assert.match(upload.if ?? '', /!cancelled\(\)|always\(\)/, 'uploads even when the check step fails on findings');
  const cache = steps.find((s) => s.uses?.startsWith('actions/cache@'));
  assert.equal(cache?.with?.path, 'node_modules/.cache/sourcecheck');
});

test("the job's sourcecheck arguments run, and give SARIF with the findings of the drafts directory", async () => {
  const run = (steps.find((s) => s.run?.includes('sourcecheck'))?.run ?? '').trim();
  const args = run.replace(/\s*>.*$/, '').split(/\s+/);
  const cliArgs = args.slice(args.lastIndexOf('sourcecheck') + 1);
  assert.ok(cliArgs.includes('--format') && cliArgs.includes('sarif'));
  const dir = mkdtempSync(path.join(tmpdir(), 'sourcecheck-ci-'));
  mkdirSync(path.join(dir, 'drafts'));
  copyFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'examples', 'p1-figures.md'), path.join(dir, 'drafts', 'p1.md'));
  const result = await runCli(cliArgs, dir);
  assert.equal(result.code, 1, result.stderr);
  const log = JSON.parse(result.stdout);
  const results = log.runs[0].results as Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }>;
  assert.ok(results.some((r) => r.ruleId === 'mismatch' && r.locations[0]?.physicalLocation.artifactLocation.uri === 'drafts/p1.md'));
});
