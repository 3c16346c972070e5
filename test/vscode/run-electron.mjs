#!/usr/bin/env node
// Runs the same compiled suite in desktop VS Code through @vscode/test-electron, for machines where
// VS Code can be downloaded (or is installed). Builds nothing: run `npm run build` and
// test/vscode/build-suite.mjs first (`npm run test:vscode:electron` does both).
//
//   VSCODE_EXECUTABLE=/path/to/code node test/vscode/run-electron.mjs [--version <x.y.z|stable>] [--workspace <dir>]
//
// Without VSCODE_EXECUTABLE it downloads VS Code (default 1.100.3, the version code-server runs) into
// .vscode-test/. On Linux without a display, run it under `xvfb-run -a`.
import { runTests } from '@vscode/test-electron';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from './setup-code-server.mjs';

const { values: args } = parseArgs({
  options: {
    version: { type: 'string', default: '1.100.3' },
    workspace: { type: 'string' },
    tests: { type: 'string', default: join(REPO_ROOT, 'dist', 'test', 'vscode', 'suite', 'index.js') },
    extension: { type: 'string', default: REPO_ROOT },
  },
});

const extensionTestsPath = resolve(args.tests);
if (!existsSync(extensionTestsPath)) {
  console.error(`[run-electron] compiled suite ${extensionTestsPath} not found: run \`node test/vscode/build-suite.mjs\` first`);
  process.exit(1);
}
const tmp = mkdtempSync(join(tmpdir(), 'sourcecheck-electron-'));
const comms = join(tmp, 'comms');
let workspace = args.workspace && resolve(args.workspace);
if (!workspace) {
  workspace = join(tmp, 'workspace');
  cpSync(join(REPO_ROOT, 'test', 'vscode', 'workspace'), workspace, { recursive: true });
}

const vscodeExecutablePath = process.env.VSCODE_EXECUTABLE;
let code = 1;
try {
  code = await runTests({
    ...(vscodeExecutablePath ? { vscodeExecutablePath } : { version: args.version }),
    extensionDevelopmentPath: resolve(args.extension),
    extensionTestsPath,
    // Desktop VS Code passes this to the extension host, so results go where the driver reads them.
    extensionTestsEnv: { SOURCECHECK_TEST_DIR: comms },
    launchArgs: [workspace, '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes', '--user-data-dir', join(tmp, 'user-data'), '--extensions-dir', join(tmp, 'extensions')],
  });
} catch (error) {
  const message = String(error?.message ?? error);
  if (!vscodeExecutablePath && /download|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|getaddrinfo|socket|fetch|403|404/i.test(message)) {
    console.error(`[run-electron] could not download VS Code ${args.version}: ${message}\n`
      + 'This machine cannot reach update.code.visualstudio.com. Set VSCODE_EXECUTABLE to an installed VS Code '
      + '(e.g. /usr/share/code/code), or use `npm run test:vscode` (code-server) instead.');
  } else {
    console.error(`[run-electron] VS Code run failed: ${message}`);
  }
}

// The suite's run() writes results.json before it resolves or rejects; print the same summary as the code-server driver.
const resultsFile = join(comms, 'results.json');
if (existsSync(resultsFile)) {
  const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
  for (const test of results.passes) console.log(`  ✓ ${test.fullTitle}`);
  for (const test of results.failures) console.log(`  ✗ ${test.fullTitle}\n      ${String(test.error).split('\n').join('\n      ')}`);
  console.log(`${results.passes.length} passed, ${results.failures.length} failed`);
  if (results.failures.length || !results.passes.length) code ||= 1;
} else {
  console.log('0 passed, 1 failed');
  code ||= 1;
}
rmSync(tmp, { recursive: true, force: true });
process.exit(code);
