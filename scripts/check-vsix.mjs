#!/usr/bin/env node
// Checks the packaged extension (`npm run package` runs it after vsce): exactly the expected files,
// under 2 MB, production bundles (minified, no source maps), and the manifest's entry point inside.
//
//   node scripts/check-vsix.mjs [source-check.vsix]
//
// Reads the .vsix (a zip) itself, so it needs no unzip tool. Exits 1 with every problem listed.
import { readFileSync, statSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';

const MAX_BYTES = 2 * 1024 * 1024;

/** Every file the .vsix may hold, and must hold: the bundles, the bins, the seed facts, the grammar, the manifest and docs. */
const EXPECTED = [
  '[Content_Types].xml',
  'extension.vsixmanifest',
  'extension/LICENSE.txt',
  'extension/changelog.md',
  'extension/images/icon.png',
  'extension/bin/sourcecheck-ls.js',
  'extension/bin/sourcecheck.js',
  'extension/dist/cli.js',
  'extension/dist/client.js',
  'extension/dist/server.js',
  'extension/dist/checkWorker.js',
  'extension/package.json',
  'extension/readme.md',
  'extension/seeds/facts.yaml',
  'extension/seeds/meta-muse-spark-coreweave.txt',
  'extension/syntaxes/sourcecheck.injection.tmLanguage.json',
];

/** The entries of a zip file: name, and a function reading the uncompressed content (stored or deflated). */
function zipEntries(buffer) {
  // End of central directory: signature 0x06054b50, within the last 64 KiB + 22 bytes.
  let eocd = -1;
  for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 65_557); i--) {
    if (buffer.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip file (no end of central directory)');
  const count = buffer.readUInt16LE(eocd + 10);
  let at = buffer.readUInt32LE(eocd + 16);
  const entries = [];
  for (let i = 0; i < count; i++) {
    if (buffer.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central directory entry at ${at}`);
    const method = buffer.readUInt16LE(at + 10);
    const compressedSize = buffer.readUInt32LE(at + 20);
    const nameLength = buffer.readUInt16LE(at + 28);
    const extraLength = buffer.readUInt16LE(at + 30);
    const commentLength = buffer.readUInt16LE(at + 32);
    const localHeader = buffer.readUInt32LE(at + 42);
    const name = buffer.toString('utf8', at + 46, at + 46 + nameLength);
    entries.push({
      name,
      read() {
        const dataStart = localHeader + 30 + buffer.readUInt16LE(localHeader + 26) + buffer.readUInt16LE(localHeader + 28);
        const data = buffer.subarray(dataStart, dataStart + compressedSize);
        if (method === 0) return data;
        if (method === 8) return inflateRawSync(data);
        throw new Error(`${name}: unsupported compression method ${method}`);
      },
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

const file = process.argv[2] ?? 'source-check.vsix';
const problems = [];
const size = statSync(file).size;
if (size >= MAX_BYTES) problems.push(`${file} is ${size} bytes; the limit is ${MAX_BYTES}`);

const entries = zipEntries(readFileSync(file));
const names = entries.map((e) => e.name).sort();
for (const name of names) if (!EXPECTED.includes(name)) problems.push(`unexpected file in the package: ${name}`);
for (const name of EXPECTED) if (!names.includes(name)) problems.push(`missing from the package: ${name}`);

const content = new Map(entries.map((e) => [e.name, e]));
for (const bundle of ['extension/dist/client.js', 'extension/dist/server.js', 'extension/dist/checkWorker.js', 'extension/dist/cli.js']) {
  const entry = content.get(bundle);
  if (!entry) continue;
  const text = entry.read().toString('utf8');
  if (/sourceMappingURL/.test(text)) problems.push(`${bundle} references a source map: build with --production`);
  // esbuild's minified output has very long lines; an unminified bundle has tens of thousands of short ones.
  const lines = text.split('\n').length;
  if (lines > 2000) problems.push(`${bundle} has ${lines} lines: not minified (build with --production)`);
}
const manifestEntry = content.get('extension/package.json');
if (manifestEntry) {
  const manifest = JSON.parse(manifestEntry.read().toString('utf8'));
  const main = `extension/${String(manifest.main).replace(/^\.\//, '')}`;
  if (!content.has(main)) problems.push(`package.json main ${manifest.main} is not in the package`);
}

if (problems.length > 0) {
  console.error(`[check-vsix] ${file}:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`[check-vsix] ${file}: ${names.length} files, ${(size / 1024).toFixed(0)} KiB (limit ${MAX_BYTES / 1024 / 1024} MiB), production bundles`);
