// After `npm install` or `npm ci` in a checkout: apply patches/ to node_modules (patch-package), then
// build dist/. A package installed from its tarball (as pre-commit installs the hook: `npm pack`,
// then `npm install -g`) already holds dist/ and has no development tools, so there is nothing to do.
// The build runs here rather than in `prepare` because npm prints a `prepare` script's banner on the
// stdout of `npm pack`, where pre-commit reads the tarball's name.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';

if (!existsSync('patches') || !existsSync(path.join('node_modules', 'patch-package')) || !existsSync(path.join('node_modules', 'esbuild'))) process.exit(0);
for (const command of [[path.join('node_modules', 'patch-package', 'index.js')], [path.join('scripts', 'build.mjs')]]) {
  const run = spawnSync(process.execPath, command, { stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
