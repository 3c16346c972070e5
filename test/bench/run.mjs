// Bundles the bench (as the product is bundled: no TypeScript loader in the measurements) and runs it
// with garbage collection exposed, passing the arguments through: `--json`, `--smoke`, `--only=engine,scaling,facts,lsp,cli,peers`.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const outdir = path.join(root, '.cache', 'bench');
mkdirSync(outdir, { recursive: true });
await build({
  entryPoints: [path.join(root, 'test', 'bench', 'main.ts')],
  outfile: path.join(outdir, 'bench.js'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  logLevel: 'warning',
  banner: { js: "const __importMetaUrl = require('url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__importMetaUrl' },
});
const run = spawnSync(process.execPath, ['--expose-gc', path.join(outdir, 'bench.js'), ...process.argv.slice(2)], { stdio: 'inherit' });
process.exitCode = run.status ?? 1;
