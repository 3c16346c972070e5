/**
 * The Markdown injection grammar, tokenized with the engine VS Code uses (vscode-textmate +
 * oniguruma) on top of VS Code's own Markdown grammar (shipped by the tm-grammars package).
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, Registry, parseRawGrammar, type IGrammar, type StateStack } from 'vscode-textmate';
import { findParentheticals } from '../../server/src/engine/citations';

const ROOT = path.resolve(__dirname, '../..');
const INJECTION_FILE = 'syntaxes/sourcecheck.injection.tmLanguage.json';
const INJECTION_SCOPE = 'sourcecheck.markdown.injection';

/** Base grammars by scope; the others Markdown embeds (CSS, Python, ...) are left out, as a missing grammar is skipped. */
const BASE_GRAMMARS: Record<string, string> = {
  'text.html.markdown': 'markdown.json',
  'text.html.derivative': 'html-derivative.json',
  'text.html.basic': 'html.json',
  'source.yaml': 'yaml.json',
  'source.js': 'javascript.json',
};

interface Token {
  text: string;
  scopes: string[];
}

let grammar: IGrammar;

async function loadGrammar(): Promise<IGrammar> {
  const wasm = readFileSync(path.join(ROOT, 'node_modules/vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName) => {
      const file = scopeName === INJECTION_SCOPE
        ? path.join(ROOT, INJECTION_FILE)
        : BASE_GRAMMARS[scopeName] && path.join(ROOT, 'node_modules/tm-grammars/grammars', BASE_GRAMMARS[scopeName]);
      return file ? parseRawGrammar(readFileSync(file, 'utf8'), file) : null;
    },
    getInjections: (scopeName) => (scopeName === 'text.html.markdown' ? [INJECTION_SCOPE] : undefined),
  });
  const loaded = await registry.loadGrammar('text.html.markdown');
  assert.ok(loaded, 'the Markdown grammar loads');
  return loaded;
}

function tokenize(text: string): Token[][] {
  let state: StateStack = INITIAL;
  return text.split('\n').map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

const SAMPLE = readFileSync(path.join(ROOT, 'test/fixtures/grammar/sample.md'), 'utf8');
let sampleLines: string[];
let sampleTokens: Token[][];

/** The token covering the first character of `needle` on the one sample line that contains `marker`. */
function tokenAt(marker: string, needle: string): Token {
  const matches = sampleLines.flatMap((line, index) => (line.includes(marker) ? [index] : []));
  assert.equal(matches.length, 1, `exactly one sample line contains ${JSON.stringify(marker)}`);
  const index = matches[0]!;
  const line = sampleLines[index]!;
  const at = line.indexOf(needle);
  assert.ok(at >= 0, `line ${index + 1} contains ${JSON.stringify(needle)}`);
  let offset = 0;
  for (const token of sampleTokens[index]!) {
    if (at < offset + token.text.length) return token;
    offset += token.text.length;
  }
  assert.fail(`no token at ${JSON.stringify(needle)} on line ${index + 1}`);
}

function assertToken(token: Token, text: string, ...scopes: string[]): void {
  assert.equal(token.text, text);
  for (const scope of scopes) {
    assert.ok(token.scopes.includes(scope), `${JSON.stringify(text)} has ${scope}; scopes: ${token.scopes.join(' ')}`);
  }
}

function assertNoSourceCheckScope(token: Token): void {
  const ours = token.scopes.filter((s) => s.endsWith('.sourcecheck'));
  assert.deepEqual(ours, [], `${JSON.stringify(token.text)} has no Source Check scope`);
}

const CITATION = 'meta.citation.parenthetical.sourcecheck';
const DOMAIN = 'markup.underline.link.citation.sourcecheck';
const DIRECTIVE = 'comment.block.directive.sourcecheck';
const KEYWORD = 'keyword.control.directive.sourcecheck';
const CODE = 'constant.language.code.sourcecheck';

before(async () => {
  grammar = await loadGrammar();
  sampleLines = SAMPLE.split('\n');
  sampleTokens = tokenize(SAMPLE);
});

describe('package.json contribution', () => {
  test('injects the grammar file into Markdown under its own scope name', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      contributes?: { grammars?: Array<{ path: string; scopeName: string; injectTo?: string[] }> };
    };
    const grammarFile = JSON.parse(readFileSync(path.join(ROOT, INJECTION_FILE), 'utf8')) as { scopeName: string; injectionSelector: string };
    const entry = pkg.contributes?.grammars?.find((g) => path.normalize(g.path) === path.normalize(`./${INJECTION_FILE}`));
    assert.ok(entry, `package.json contributes ${INJECTION_FILE}`);
    assert.equal(entry.scopeName, INJECTION_SCOPE);
    assert.equal(grammarFile.scopeName, INJECTION_SCOPE);
    assert.deepEqual(entry.injectTo, ['text.html.markdown']);
    assert.match(grammarFile.injectionSelector, /^L:text\.html\.markdown\b/);
  });
});

describe('citation parentheticals', () => {
  test('a trailing citation: parentheses, domain and the citation scope', () => {
    const marker = 'through December 2032.';
    assertToken(tokenAt(marker, '(investors'), '(', CITATION, 'punctuation.definition.citation.begin.sourcecheck', 'meta.paragraph.markdown');
    assertToken(tokenAt(marker, 'investors.coreweave.com'), 'investors.coreweave.com', CITATION, DOMAIN);
    assertToken(tokenAt(marker, 'com)'), 'investors.coreweave.com', DOMAIN);
    assertToken(tokenAt(marker, ')'), ')', CITATION, 'punctuation.definition.citation.end.sourcecheck');
    assertNoSourceCheckScope(tokenAt(marker, 'The expanded deal'));
  });

  test('a "source:" prefix is a keyword and the domain is still the link', () => {
    const marker = 'NVIDIA partnership';
    assertToken(tokenAt(marker, 'source'), 'source', CITATION, 'keyword.other.citation.source.sourcecheck');
    assertToken(tokenAt(marker, ': about'), ':', CITATION, 'punctuation.separator.key-value.citation.sourcecheck');
    assertToken(tokenAt(marker, 'about.fb.com'), 'about.fb.com', CITATION, DOMAIN);
    assertNoSourceCheckScope(tokenAt(marker, ' in a post'));
  });

  test('several sources in one parenthetical', () => {
    const marker = 'AMD agreement';
    assertToken(tokenAt(marker, 'investors.coreweave.com'), 'investors.coreweave.com', DOMAIN);
    assertToken(tokenAt(marker, ';'), ';', CITATION, 'punctuation.separator.citation.sourcecheck');
    assertToken(tokenAt(marker, 'about.fb.com'), 'about.fb.com', DOMAIN);
  });

  test('citations in headings, list items and block quotes', () => {
    assertToken(tokenAt('# Meta widens', 'investors.coreweave.com'), 'investors.coreweave.com', DOMAIN, 'markup.heading.markdown');
    assertToken(tokenAt('A list item', 'about.fb.com'), 'about.fb.com', DOMAIN, 'markup.list.unnumbered.markdown');
    assertToken(tokenAt('A block quote', 'about.fb.com'), 'about.fb.com', DOMAIN, 'markup.quote.markdown');
  });

  test('parentheticals that are not citations stay plain', () => {
    const marker = 'Not citations:';
    for (const needle of ['node.js', 'config.yaml', 'About.fb.com', 'about $21']) assertNoSourceCheckScope(tokenAt(marker, needle));
  });

  test('not inside code, front matter, link destinations or ordinary comments', () => {
    const cases: Array<[string, string]> = [
      ['title: Front matter', 'about.fb.com'],
      ['[linked source]', 'about.fb.com'],
      ['Inline code', 'about.fb.com'],
      ['An indented code block', 'about.fb.com'],
      ['A plain fence', 'about.fb.com'],
      ["const cite = '", 'about.fb.com'],
      ['A tilde fence', 'about.fb.com'],
      ['an ordinary comment', 'about.fb.com'],
    ];
    for (const [marker, needle] of cases) assertNoSourceCheckScope(tokenAt(marker, needle));
    assert.ok(tokenAt('A plain fence', 'about.fb.com').scopes.includes('markup.fenced_code.block.markdown'), 'the fence is a fence');
    assert.ok(tokenAt('Inline code', 'about.fb.com').scopes.includes('markup.inline.raw.string.markdown'), 'inline code is code');
    assert.ok(tokenAt('an ordinary comment', 'about.fb.com').scopes.includes('comment.block.html'), 'the comment is an HTML comment');
  });

  test('highlights exactly what the engine treats as a parenthetical citation', () => {
    const samples = [
      '(about.fb.com)', '( investors.coreweave.com )', '(source: example.org)', '(sources: reuters.com; ft.com)',
      '(via apnews.com)', '(see bbc.co.uk)', '(from example.io)', '(source : example.org)', '(about.fb.com, investors.coreweave.com)',
      '(example.xyz; about.fb.com)', '(node.js)', '(config.yaml)', '(example.community)', '(About.fb.com)', '(Source: example.org)',
      '(e.g. this)', '(about $21 billion)', '(see.com)', '(sourceexample.org)', '(source:example.org)', '(about.fb.com.)', '(ab-.com)', '(per example.org)', '(according to example.org)',
    ];
    for (const sample of samples) {
      const text = `A claim ${sample} here.`;
      const engine = findParentheticals(text, new Set()).map((p) => p.hosts);
      const tokens = tokenize(text)[0]!;
      const highlighted = tokens.some((t) => t.scopes.includes(CITATION))
        ? [tokens.filter((t) => t.scopes.includes(DOMAIN)).map((t) => t.text.replace(/^www\./, ''))]
        : [];
      assert.deepEqual(highlighted, engine, `grammar and engine agree on ${sample}`);
    }
  });
});

describe('suppression comments', () => {
  test('a directive with codes: keyword, codes and separators', () => {
    const marker = 'disable-next-line mismatch, wrong-citation';
    assertToken(tokenAt(marker, '<!--'), '<!--', DIRECTIVE, 'punctuation.definition.comment.begin.sourcecheck');
    assertToken(tokenAt(marker, 'sourcecheck-'), 'sourcecheck-disable-next-line', DIRECTIVE, KEYWORD);
    assertToken(tokenAt(marker, 'mismatch'), 'mismatch', DIRECTIVE, CODE);
    assertToken(tokenAt(marker, ','), ',', DIRECTIVE, 'punctuation.separator.code.sourcecheck');
    assertToken(tokenAt(marker, 'wrong-citation'), 'wrong-citation', DIRECTIVE, CODE);
    assertToken(tokenAt(marker, '-->'), '-->', DIRECTIVE, 'punctuation.definition.comment.end.sourcecheck');
    assert.ok(!tokenAt(marker, '<!--').scopes.includes('comment.block.html'), 'the directive replaces the HTML comment scope');
  });

  test('every directive keyword', () => {
    assertToken(tokenAt('sourcecheck-disable missing', 'sourcecheck-'), 'sourcecheck-disable', KEYWORD);
    assertToken(tokenAt('sourcecheck-disable missing', 'missing-citation'), 'missing-citation', CODE);
    assertToken(tokenAt('sourcecheck-enable', 'sourcecheck-'), 'sourcecheck-enable', KEYWORD);
    assertToken(tokenAt('sourcecheck-disable-file', 'sourcecheck-'), 'sourcecheck-disable-file', KEYWORD);
    assertToken(tokenAt('The wrong figure stays', 'sourcecheck-'), 'sourcecheck-disable-line', DIRECTIVE, KEYWORD, 'meta.paragraph.markdown');
    assertToken(tokenAt('The wrong figure stays', 'mismatch'), 'mismatch', CODE);
  });

  test('an unknown code is marked invalid', () => {
    assertToken(tokenAt('mismtach', 'mismtach'), 'mismtach', DIRECTIVE, 'invalid.illegal.unknown-code.sourcecheck');
  });

  test('ordinary comments, misspelt keywords and fenced examples are not directives', () => {
    assertNoSourceCheckScope(tokenAt('an ordinary comment', '<!--'));
    assertNoSourceCheckScope(tokenAt('sourcecheck-disabled', 'sourcecheck'));
    assertNoSourceCheckScope(tokenAt('sourcecheck-disable-line unsupported', 'sourcecheck'));
  });
});
