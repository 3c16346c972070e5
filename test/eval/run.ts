/**
 * `npm run eval`: scores the labelled drafts per finding code and lists every false alarm and miss.
 * Exits 1 when a gate fails (any false mismatch or wrong-citation, or mismatch recall under 90%).
 * `npm run eval -- --heldout` scores the held-out drafts instead (to measure, never to tune).
 */
import { seedBase } from '../helpers/seed';
import { CORPUS, draftSets, HELD_OUT, ratios, scoreSets, SCORED_CODES } from './score';

const started = Date.now();
const score = scoreSets(draftSets(seedBase(), process.argv.includes('--heldout') ? HELD_OUT : CORPUS));
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
console.log(`${score.drafts} labelled drafts, ${Date.now() - started} ms`);
console.log('code               TP   FP   FN   precision  recall');
for (const code of SCORED_CODES) {
  const s = score.byCode[code];
  const r = ratios(s);
  console.log(
    `${code.padEnd(18)} ${String(s.truePositives).padStart(3)}  ${String(s.falsePositives.length).padStart(3)}  ${String(s.falseNegatives.length).padStart(3)}   ${pct(r.precision).padStart(7)}  ${pct(r.recall).padStart(7)}`,
  );
}
for (const code of SCORED_CODES) {
  const s = score.byCode[code];
  for (const m of s.falsePositives) console.log(`false alarm  ${code}  ${m.file}:${m.line}  ${m.detail}`);
  for (const m of s.falseNegatives) console.log(`missed       ${code}  ${m.file}:${m.line}  ${m.detail}`);
}
const mismatch = score.byCode.mismatch;
const gates = [
  [mismatch.falsePositives.length === 0, 'no false mismatch'],
  [score.byCode['wrong-citation'].falsePositives.length === 0, 'no false wrong-citation'],
  [ratios(mismatch).recall >= 0.9, 'mismatch recall at least 90%'],
] as const;
for (const [ok, what] of gates) console.log(`${ok ? 'PASS' : 'FAIL'}  ${what}`);
process.exitCode = gates.every(([ok]) => ok) ? 0 : 1;
