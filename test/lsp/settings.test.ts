/** The settings list the client declares and the server parses. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SETTINGS, SETTING_DECLARATIONS, parseSettings } from '../../server/src/lsp/settings';

test('every setting is declared, with the default the server uses', () => {
  const declared = Object.keys(SETTING_DECLARATIONS).map((k) => k.replace(/^sourcecheck\./, '')).sort();
  assert.deepEqual(declared, Object.keys(DEFAULT_SETTINGS).sort());
  for (const [key, declaration] of Object.entries(SETTING_DECLARATIONS)) {
    const name = key.replace(/^sourcecheck\./, '') as keyof typeof DEFAULT_SETTINGS;
    const serverDefault = DEFAULT_SETTINGS[name] ?? null;
    assert.deepEqual(declaration.default, serverDefault, key);
    assert.ok(declaration.description.length > 10, `${key} has a description`);
  }
});

test('parseSettings keeps good values and falls back key by key', () => {
  const { settings, problems } = parseSettings({
    enable: 'yes',
    facts: ['facts/a.yaml', ' ', 'b.yml'],
    sources: 'notes/*.md',
    defaultFacts: false,
    severity: { mismatch: 'warning', 'missing-citation': 'off', bogus: 'error', unsupported: 'loud' },
    citationStyle: 'footnote',
    run: 'sometimes',
    debounceMs: -5,
    verifiedMarks: 'on',
    timeBudgetMs: 0,
  });
  assert.deepEqual(settings, {
    enable: true,
    facts: ['facts/a.yaml', 'b.yml'],
    sources: [],
    defaultFacts: false,
    severity: { mismatch: 'warning', 'missing-citation': 'off' },
    citationStyle: 'footnote',
    run: 'onType',
    debounceMs: 250,
    verifiedMarks: false,
    timeBudgetMs: undefined,
  });
  assert.equal(problems.length, 8, problems.join('\n'));
  assert.equal(parseSettings({ verifiedMarks: true }).settings.verifiedMarks, true);
  assert.equal(parseSettings({ timeBudgetMs: 2500.7 }).settings.timeBudgetMs, 2500);
  assert.equal(parseSettings({ timeBudgetMs: 1e9 }).settings.timeBudgetMs, 600_000);
  assert.deepEqual(parseSettings({ sources: ['notes/**/*.md', ''] }).settings.sources, ['notes/**/*.md']);
});

test('null and missing values mean "as .sourcecheck.yaml says"', () => {
  assert.deepEqual(parseSettings({ defaultFacts: null, citationStyle: null }).settings, { ...DEFAULT_SETTINGS, facts: [], sources: [], severity: {} });
  assert.deepEqual(parseSettings(undefined).problems, []);
  assert.deepEqual(parseSettings(42).problems, ['the sourcecheck settings must be an object']);
});
