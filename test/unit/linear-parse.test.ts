// The fixes that keep parsing and sentence splitting linear change how the work is done, never its
// result: each is compared here with the original algorithm on the same input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { EditMap } from 'micromark-util-edit-map';
import type { Event } from 'micromark-util-types';
import { SEGMENT_WINDOW, segmentSpans } from '../../server/src/engine/text/sentences';
import { generateDraft, seedStatements } from '../bench/generate';
import { seedBase } from '../helpers/seed';

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

function wholeText(text: string): Array<{ start: number; end: number }> {
  return [...segmenter.segment(text)].map((s) => ({ start: s.index, end: s.index + s.segment.length }));
}

test('windowed sentence segmentation equals segmenting the whole text', () => {
  const draft = generateDraft({ size: 3 * SEGMENT_WINDOW, seed: 7, seeds: seedStatements(seedBase()) });
  const oneLine = draft.replace(/\n+/g, ' ');
  const texts = [
    '',
    'One sentence.',
    draft,
    oneLine,
    // A sentence longer than a window, between short ones.
    `Short. ${'word '.repeat(SEGMENT_WINDOW / 2)}end. Next one.`,
    // Abbreviations, quotes and closing brackets across the window edges.
    'He said "no." (Really.) Mr. Smith paid $1.5 bn. on Feb. 17, 2026? Yes! '.repeat(200),
  ];
  // Every break position against the window edge.
  for (let shift = 0; shift < 80; shift += 7) texts.push('x'.repeat(shift) + oneLine);
  for (const text of texts) assert.deepEqual(segmentSpans(text), wholeText(text), `length ${text.length}`);
});

/** micromark-util-edit-map 1.0.0's `consume`, as published: the reference for the patched one. */
function consumeAsPublished(map: Array<[number, number, Event[]]>, events: Event[]): void {
  map.sort((a, b) => a[0] - b[0]);
  if (map.length === 0) return;
  let index = map.length;
  const vecs: Event[][] = [];
  while (index > 0) {
    index -= 1;
    const change = map[index] as [number, number, Event[]];
    vecs.push(events.slice(change[0] + change[1]), change[2]);
    events.length = change[0];
  }
  vecs.push(events.slice());
  events.length = 0;
  let slice = vecs.pop();
  while (slice) {
    for (const element of slice) events.push(element);
    slice = vecs.pop();
  }
}

test('the patched EditMap (patches/) applies edits exactly as the published one', () => {
  const event = (n: number): Event => ['enter', { type: `t${n}` } as unknown as Event[1], {} as Event[2]];
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 40 }),
      fc.array(fc.tuple(fc.nat(), fc.nat({ max: 3 }), fc.nat({ max: 3 }), fc.boolean()), { maxLength: 8 }),
      (length, edits) => {
        const events = Array.from({ length }, (_, i) => event(i));
        const expected = events.slice();
        const patched = new EditMap();
        const reference = new Map<number, [number, number, Event[]]>();
        let next = 1000;
        // Edits at distinct places that do not overlap, as micromark makes them.
        let at = 0;
        for (const [gap, remove, add, before] of edits) {
          at += gap % 5;
          if (at > length) break;
          const removed = Math.min(remove, length - at);
          const added = Array.from({ length: add }, () => event(next++));
          if (before) patched.addBefore(at, removed, added.slice());
          else patched.add(at, removed, added.slice());
          reference.set(at, [at, removed, added]);
          at += removed + 1;
        }
        patched.consume(events);
        consumeAsPublished([...reference.values()], expected);
        assert.deepEqual(events, expected);
      },
    ),
    { numRuns: 500, seed: 11 },
  );
});

test('the patch is applied to the installed micromark-util-edit-map (npm ci runs patch-package)', () => {
  const source = readFileSync(path.join(__dirname, '..', '..', 'node_modules', 'micromark-util-edit-map', 'index.js'), 'utf8');
  // The published consume copied every event before the first change on each call: quadratic on deep lists.
  assert.doesNotMatch(source, /vecs\.push\(events\.slice\(\)\)/);
});
