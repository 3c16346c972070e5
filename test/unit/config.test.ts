import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG, parseConfig } from '../../server/src/engine/config';
import { expectOneError, span } from './factbase-helpers';

const PATH = '/ws/.sourcecheck.yaml';
const ZERO = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

const FULL = `facts: [facts/extra.yaml, more/other.yaml]
sources: ["notes/**/*.md"]
ignore: [drafts/old/, "*.draft.md"]
defaultFacts: false
severity:
  missing-citation: error
  unsupported: off
citationStyle: footnote
timeBudgetMs: 8000
`;

test('a full configuration is read', () => {
  const { config, diagnostics } = parseConfig(PATH, FULL);
  assert.deepEqual(diagnostics, []);
  assert.deepEqual(config, {
    facts: ['facts/extra.yaml', 'more/other.yaml'],
    sources: ['notes/**/*.md'],
    ignore: ['drafts/old/', '*.draft.md'],
    defaultFacts: false,
    severities: { 'missing-citation': 'error', unsupported: 'off' },
    citationStyle: 'footnote',
    timeBudgetMs: 8000,
  });
});

test('timeBudgetMs: a whole number of milliseconds from 1, capped at ten minutes', () => {
  assert.equal(parseConfig(PATH, 'timeBudgetMs: 999999999\n').config.timeBudgetMs, 600_000);
  const text = 'timeBudgetMs: 0\n';
  const { config, diagnostics } = parseConfig(PATH, text);
  assert.equal(diagnostics.length, 1);
  assert.match(diagnostics[0]?.message ?? '', /timeBudgetMs: expected a positive integer/);
  assert.equal(config.timeBudgetMs, 5000);
});

test('the defaults', () => {
  assert.deepEqual(DEFAULT_CONFIG, { facts: [], sources: [], ignore: [], defaultFacts: true, severities: {}, citationStyle: 'auto', timeBudgetMs: 5000 });
  assert.ok(Object.isFrozen(DEFAULT_CONFIG) && Object.isFrozen(DEFAULT_CONFIG.facts));
});

test('an empty or comment-only file gives the defaults without diagnostics, as a fresh object', () => {
  for (const text of ['', '\n', '# facts: [x.yaml]\n']) {
    const { config, diagnostics } = parseConfig(PATH, text);
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(config, DEFAULT_CONFIG);
    assert.notEqual(config, DEFAULT_CONFIG);
    config.facts.push('mutable');
  }
  assert.deepEqual(DEFAULT_CONFIG.facts, []);
});

test('a key with no value keeps its default', () => {
  const { config, diagnostics } = parseConfig(PATH, 'facts:\n  # - later.yaml\ncitationStyle: link\n');
  assert.deepEqual(diagnostics, []);
  assert.deepEqual(config.facts, []);
  assert.equal(config.citationStyle, 'link');
});

test('an unknown key is a located error; the other keys still apply', () => {
  const text = 'citationStyle: link\nsevertiy:\n  mismatch: hint\n';
  const { config, diagnostics } = parseConfig(PATH, text);
  const e = expectOneError(diagnostics, "unknown key 'severtiy' in the configuration; did you mean 'severity'?", span(text, 'severtiy'));
  assert.equal(e.file, PATH);
  assert.equal(config.citationStyle, 'link');
  assert.deepEqual(config.severities, {});
});

test('an unknown finding code in severity is an error at the code; other codes still apply', () => {
  const text = 'severity:\n  mismatch: warning\n  missing-citaton: off\n';
  const { config, diagnostics } = parseConfig(PATH, text);
  expectOneError(diagnostics, "unknown key 'missing-citaton' in severity; did you mean 'missing-citation'?", span(text, 'missing-citaton'));
  assert.deepEqual(config.severities, { mismatch: 'warning' });
});

test('an unknown severity level is an error at the value; only that code falls back', () => {
  const text = 'severity:\n  mismatch: warn\n  unsupported: off\n';
  const { config, diagnostics } = parseConfig(PATH, text);
  expectOneError(diagnostics, 'mismatch: expected one of error, warning, information, hint, off, found "warn"', span(text, 'mismatch: warn', 'warn'));
  assert.deepEqual(config.severities, { unsupported: 'off' });
});

test('severity that is not a mapping', () => {
  const text = 'severity: error\ndefaultFacts: false\n';
  const { config, diagnostics } = parseConfig(PATH, text);
  expectOneError(diagnostics, 'severity: expected a mapping, found "error"', span(text, 'severity: error', 'error'));
  assert.deepEqual(config.severities, {});
  assert.equal(config.defaultFacts, false);
});

test('an unknown citation style, with a suggestion', () => {
  const text = 'citationStyle: footnotes\n';
  const { config, diagnostics } = parseConfig(PATH, text);
  expectOneError(diagnostics, "citationStyle: expected one of auto, parenthetical, footnote, link, found \"footnotes\"; did you mean 'footnote'?", span(text, 'footnotes'));
  assert.equal(config.citationStyle, 'auto');
});

test('defaultFacts must be a boolean (YAML 1.2: "yes" is a string)', () => {
  const text = 'defaultFacts: yes\n';
  const { config, diagnostics } = parseConfig(PATH, text);
  expectOneError(diagnostics, 'defaultFacts: expected true or false, found "yes"', span(text, 'yes'));
  assert.equal(config.defaultFacts, true);
});

test('facts must be a list of strings; a bad item drops the whole key back to its default', () => {
  const text = 'facts: [ok.yaml, 3]\nsources: [notes/*.md]\n';
  const { config, diagnostics } = parseConfig(PATH, text);
  expectOneError(diagnostics, 'facts[1]: expected a string, found the number 3', span(text, '3'));
  assert.deepEqual(config.facts, []);
  assert.deepEqual(config.sources, ['notes/*.md']);
  const single = 'sources: notes/*.md\n';
  const r = parseConfig(PATH, single);
  expectOneError(r.diagnostics, 'sources: expected a list of strings, found "notes/*.md"', span(single, 'notes/*.md'));
  assert.deepEqual(r.config.sources, []);
});

test('a YAML syntax error is located and the defaults apply', () => {
  const text = 'facts: [a.yaml\ncitationStyle: link\n';
  const { config, diagnostics } = parseConfig(PATH, text);
  assert.ok(diagnostics.length >= 1);
  assert.equal(diagnostics[0]?.severity, 'error');
  assert.deepEqual(diagnostics[0]?.range.start, { line: 1, character: 0 }, diagnostics[0]?.message);
  assert.deepEqual(config, DEFAULT_CONFIG);
});

test('a configuration that is a list is a located error', () => {
  const text = '- facts\n- sources\n';
  const { config, diagnostics } = parseConfig(PATH, text);
  expectOneError(diagnostics, 'the configuration must be a mapping', span(text, '- facts'));
  assert.deepEqual(config, DEFAULT_CONFIG);
});

test('a binary or oversized configuration file is one diagnostic at 0:0', () => {
  const nul = parseConfig(PATH, 'facts: []\u0000');
  expectOneError(nul.diagnostics, 'not a text file', ZERO);
  assert.equal(nul.diagnostics.length, 1);
  const big = parseConfig(PATH, `# ${'x'.repeat(5 * 1024 * 1024 + 1)}`);
  expectOneError(big.diagnostics, 'larger than 5 MB', ZERO);
  assert.deepEqual(big.config, DEFAULT_CONFIG);
});

test('an alias bomb in the configuration is refused', () => {
  const rows = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 8; i++) {
    rows.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(', ')}]`);
  }
  const text = `facts:\n  - ${rows.join('\n  - ')}\n`;
  const { config, diagnostics } = parseConfig(PATH, text);
  expectOneError(diagnostics, 'aliases expand to too many nodes', span(text, '*b'));
  assert.deepEqual(config, DEFAULT_CONFIG);
});
