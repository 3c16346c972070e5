// The language server's check pool with the built worker (`npm test` builds before the unit tests):
// a check past its budget is stopped and the pool carries on; a queued check reads the text it
// checks only when a worker takes it; a closed pool skips what waits.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { CheckPool, type PreparedCheck } from '../../server/src/lsp/pool';
import type { FactBase } from '../../server/src/engine/types';
import { seedBase } from '../helpers/seed';

const ENTRY = path.join(__dirname, '..', '..', 'dist', 'checkWorker.js');
const WRONG = 'CoreWeave valued the expanded Meta agreement at roughly $31 billion. (investors.coreweave.com)\n';

/** Lists nested up to 40 deep: 2,000 lines take seconds to check, far past a 100 ms budget. */
function nested(lines: number): string {
  let text = '';
  for (let i = 0; i < lines; i++) text += `${'- '.repeat((i % 40) + 1)}[x]${'('.repeat(54)}\n`;
  return text;
}

describe('check pool', () => {
  let pool: CheckPool;
  let base: FactBase;
  const prepared = (text: string, budgetMs = 60_000): PreparedCheck => ({ text, base, options: {}, budgetMs });

  before(() => {
    base = seedBase();
    pool = new CheckPool({ size: 2, entry: ENTRY });
  });
  after(async () => {
    await pool.dispose();
  });

  test('checks a draft, incrementally per URI, as the engine does', async () => {
    const first = await pool.check('file:///a.md', () => prepared(WRONG));
    assert.equal(first.kind, 'checked');
    assert.deepEqual(first.kind === 'checked' && first.result.findings.map((f) => f.code), ['mismatch']);
    const second = await pool.check('file:///a.md', () => prepared(`# Title\n\n${WRONG}`));
    assert.deepEqual(second.kind === 'checked' && second.result.findings.map((f) => f.range.start.line), [2]);
  });

  test('a check past its budget is stopped; a check waiting behind it runs on another worker', async () => {
    const slow = pool.check('file:///slow.md', () => prepared(nested(2000), 100));
    // Sent while the slow check runs: a second worker takes it.
    const quick = pool.check('file:///quick.md', () => prepared(WRONG));
    assert.equal((await quick).kind, 'checked');
    assert.deepEqual(await slow, { kind: 'over-budget', budgetMs: 100 });
    // The stopped worker was replaced: the pool still checks, the slow draft too once it is ordinary.
    const again = await pool.check('file:///slow.md', () => prepared(WRONG));
    assert.equal(again.kind, 'checked');
  });

  test('a queued check reads its text when a worker takes it, and may skip', async () => {
    let text = WRONG;
    const busy = [pool.check('file:///b1.md', () => prepared(nested(300))), pool.check('file:///b2.md', () => prepared(nested(300)))];
    const queued = pool.check('file:///late.md', () => prepared(text));
    const skipped = pool.check('file:///closed.md', () => undefined);
    text = `${WRONG}${WRONG}`;
    const outcome = await queued;
    assert.deepEqual(outcome.kind === 'checked' && outcome.result.findings.length, 2);
    assert.deepEqual(await skipped, { kind: 'skipped' });
    await Promise.all(busy);
  });

  test('after dispose, checks are skipped', async () => {
    const closed = new CheckPool({ entry: ENTRY });
    await closed.dispose();
    assert.deepEqual(await closed.check('file:///x.md', () => prepared(WRONG)), { kind: 'skipped' });
  });
});
