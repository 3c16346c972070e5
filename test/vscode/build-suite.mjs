#!/usr/bin/env node
// Compiles the in-host suite (test/vscode/suite/index.ts and every *.test.ts under it) to CommonJS in
// dist/test/vscode/suite/. `vscode` is provided by the extension host; `mocha` stays external and is
// resolved from the repository's node_modules (the compiled files live inside the repository).
// Also writes a package.json there that makes the folder a minimal "test harness" extension, used as
// extensionDevelopmentPath when the extension under test is an installed .vsix (see README.md).
import { build } from 'esbuild';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const suiteDir = join(repoRoot, 'test', 'vscode', 'suite');
const outDir = join(repoRoot, 'dist', 'test', 'vscode', 'suite');

const testFiles = readdirSync(suiteDir, { recursive: true })
  .map(String)
  .filter((file) => file.endsWith('.test.ts'))
  .map((file) => join(suiteDir, file));

rmSync(outDir, { recursive: true, force: true });
await build({
  entryPoints: [join(suiteDir, 'index.ts'), ...testFiles].map((file) => ({
    in: file,
    // Flatten: index.js and every *.test.js side by side, which is where index.ts looks for them.
    out: relative(suiteDir, file).replace(/\.ts$/, '').replaceAll('/', '_'),
  })),
  outdir: outDir,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['vscode', 'mocha'],
  sourcemap: 'inline',
  logLevel: 'warning',
});

mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'package.json'), `${JSON.stringify({
  name: 'sourcecheck-test-harness',
  displayName: 'Source Check test harness',
  publisher: 'source-check',
  version: '0.0.0',
  private: true,
  engines: { vscode: '^1.100.0' },
}, null, 2)}\n`);
console.log(`[build-suite] ${testFiles.length} test file(s) -> ${relative(repoRoot, outDir)}`);
