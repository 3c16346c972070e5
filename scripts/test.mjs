// Runs a group of node:test files with the readable spec reporter on stdout and a TAP copy in
// test-results/<group>.tap, which CI adds up into one closing line.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import * as path from 'node:path';

const [group, ...dirs] = process.argv.slice(2);
if (!group || dirs.length === 0) {
  console.error('usage: node scripts/test.mjs GROUP DIR...');
  process.exit(2);
}
const files = dirs.flatMap((dir) =>
  readdirSync(dir)
    .filter((name) => name.endsWith('.test.ts'))
    .sort()
    .map((name) => path.join(dir, name)),
);
mkdirSync('test-results', { recursive: true });
const result = spawnSync(
  process.execPath,
  [
    '--import', 'tsx', '--test',
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${path.join('test-results', `${group}.tap`)}`,
    ...files,
  ],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
