// Adds up the results of every suite CI ran (test-results/*.tap and *.log) into one closing line.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

let passed = 0;
let failed = 0;
const dir = 'test-results';
for (const name of existsSync(dir) ? readdirSync(dir).sort() : []) {
  const text = readFileSync(path.join(dir, name), 'utf8');
  if (name.endsWith('.tap')) {
    passed += Number(/^# pass (\d+)$/m.exec(text)?.[1] ?? 0);
    failed += Number(/^# fail (\d+)$/m.exec(text)?.[1] ?? 0);
  } else if (name.endsWith('.log')) {
    const lines = [...text.matchAll(/^(\d+) passed, (\d+) failed$/gm)];
    const last = lines.at(-1);
    if (last) {
      passed += Number(last[1]);
      failed += Number(last[2]);
    }
  }
}
console.log(`Total: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
