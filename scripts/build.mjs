// Bundles the client, the language server and the CLI to CommonJS for Node 20.
// remark and its plugins are ESM-only; bundling lets the extension host and `node` load them as CJS.
import { build } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

const production = process.argv.includes('--production');

const entries = [
  { in: 'server/src/cli/main.ts', out: 'cli' },
  { in: 'server/src/server.ts', out: 'server' },
  // The language server's check workers: their own small bundle, the engine without the protocol.
  { in: 'server/src/lsp/checkWorker.ts', out: 'checkWorker' },
  { in: 'client/src/extension.ts', out: 'client' },
].filter((entry) => existsSync(entry.in));

await build({
  entryPoints: entries.map((entry) => ({ in: entry.in, out: entry.out })),
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['vscode'],
  sourcemap: production ? false : 'linked',
  minify: production,
  // Some ESM dependencies read import.meta.url, which a CommonJS bundle lacks.
  banner: { js: "const __importMetaUrl = require('url').pathToFileURL(__filename).href;" },
  define: { __VERSION__: JSON.stringify(version), 'import.meta.url': '__importMetaUrl' },
  logLevel: 'warning',
});
