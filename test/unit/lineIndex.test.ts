import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex } from '../../server/src/engine/text/lineIndex';

test('positions on the first line and after \\n', () => {
  const idx = new LineIndex('ab\ncd');
  assert.deepEqual(idx.positionAt(0), { line: 0, character: 0 });
  assert.deepEqual(idx.positionAt(2), { line: 0, character: 2 });
  assert.deepEqual(idx.positionAt(3), { line: 1, character: 0 });
  assert.deepEqual(idx.positionAt(5), { line: 1, character: 2 });
  assert.equal(idx.lineCount, 2);
});

test('\\r\\n and a lone \\r are one line break each', () => {
  const idx = new LineIndex('a\r\nb\rc');
  assert.equal(idx.lineCount, 3);
  assert.deepEqual(idx.positionAt(3), { line: 1, character: 0 });
  assert.deepEqual(idx.positionAt(5), { line: 2, character: 0 });
  // Between \r and \n is still the end of line 0.
  assert.deepEqual(idx.positionAt(2), { line: 0, character: 1 });
  assert.equal(idx.offsetAt({ line: 1, character: 0 }), 3);
  assert.equal(idx.offsetAt({ line: 0, character: 9 }), 1);
});

test('columns count UTF-16 code units (astral characters count two)', () => {
  const text = 'x😀y\né z';
  const idx = new LineIndex(text);
  assert.deepEqual(idx.positionAt(text.indexOf('y')), { line: 0, character: 3 });
  assert.deepEqual(idx.positionAt(text.indexOf('z')), { line: 1, character: 2 });
  assert.equal(idx.offsetAt({ line: 0, character: 3 }), text.indexOf('y'));
});

test('offsets and positions outside the text are clamped', () => {
  const idx = new LineIndex('ab\ncd\n');
  assert.deepEqual(idx.positionAt(-4), { line: 0, character: 0 });
  assert.deepEqual(idx.positionAt(99), { line: 2, character: 0 });
  assert.equal(idx.offsetAt({ line: 7, character: 0 }), 6);
  assert.equal(idx.offsetAt({ line: -1, character: 4 }), 0);
  assert.equal(idx.offsetAt({ line: 1, character: 99 }), 5);
});

test('offsetAt inverts positionAt for every offset', () => {
  const text = 'one\r\ntwo\n\nthr😀e\rfour';
  const idx = new LineIndex(text);
  for (let o = 0; o <= text.length; o++) {
    if (text[o - 1] === '\r' && text[o] === '\n') continue; // inside a \r\n break
    assert.equal(idx.offsetAt(idx.positionAt(o)), o, `offset ${o}`);
  }
});

test('rangeOf spans lines', () => {
  const idx = new LineIndex('hello\nworld');
  assert.deepEqual(idx.rangeOf(3, 8), { start: { line: 0, character: 3 }, end: { line: 1, character: 2 } });
});

test('an empty text has one empty line', () => {
  const idx = new LineIndex('');
  assert.equal(idx.lineCount, 1);
  assert.deepEqual(idx.positionAt(0), { line: 0, character: 0 });
  assert.equal(idx.offsetAt({ line: 0, character: 5 }), 0);
});
