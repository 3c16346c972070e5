/**
 * fast-check arbitraries for the engine's inputs: Markdown drafts built from the seed's own sentences
 * with perturbed figures and every Markdown construct a writer (or a paste) can produce, then mutated
 * at the character level; value-bearing phrases for the mention extractor; and mutated fact YAML.
 */
import fc from 'fast-check';
import { exampleDrafts, seedArticle, seedSentences } from './corpus';

/** Characters that break naive offset arithmetic: astral, combining, zero-width, RTL, line breaks, lone surrogates. */
export const AWKWARD_CHARS = [
  '😀', '👩‍💻', '🇺🇸', '𝟙', '𝐀', '💰', '\u{10FFFF}', 'e\u0301', '\u200B', '\u200D', '\u202E', '\u00A0', '\u2028', '\u2029',
  '\uFEFF', '\t', '\r', '\n', '\r\n', '\\', '&', '<', '>', '|', '*', '_', '`', '~', '[', ']', '(', ')', '^', '#', '$', '€', '£',
  '\uD83D', '\uDE00', '\u0000', '\u0085', '"', '“', '”', '’', '—', '…', '.', ',', ';', ':', '%', '-',
];

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December', 'Jan.', 'Feb.', 'Dec.', 'Sept.'];
const SCALES = ['billion', 'million', 'trillion', 'bn', 'B', 'm', 'M', 'tn', 'thousand', ''];
const NUMBER_WORDS = ['one', 'two', 'nine', 'twelve', 'twenty-one', 'a', 'an', 'first', 'second', '1st', '3rd', 'half a', 'several'];
const QUALIFIERS = ['about', 'roughly', 'nearly', 'almost', 'more than', 'at least', 'under', 'over', '~', 'approximately', 'before', 'after', 'through', 'until the end of', 'mid-', 'early', 'late'];
const UNITS = ['months', 'month', 'years', 'yrs', 'weeks', 'days', 'quarters', 'decade', 'year-long', 'nine-month'];
const DOMAINS = ['about.fb.com', 'investors.coreweave.com', 'openthemagazine.com', 'example.org', 'www.about.fb.com', 'evil.example', 'a.b.c.d.e.f.g.h.com', 'x'.repeat(70) + '.com'];
const URLS = [
  'https://about.fb.com/news/', 'https://investors.coreweave.com/', 'http://example.org/a?b=c#d', 'javascript:alert(1)', 'command:workbench.action.terminal.new',
  'data:text/html,<script>alert(1)</script>', 'file:///etc/passwd', 'vscode://x', '<>', '', 'https://', 'https://[::1]/', 'https://xn--nxasmq6b.com/',
];

/** A figure, date, duration or ordinal in one of the spellings the parsers know (and some they should reject). */
export function valuePhrase(): fc.Arbitrary<string> {
  const digits = fc.oneof(
    fc.integer({ min: 0, max: 9999 }).map(String),
    fc.tuple(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 99 })).map(([a, b]) => `${a}.${b}`),
    fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }).map((n) => n.toLocaleString('en-US')),
    fc.constantFrom('1e309', '9'.repeat(400), '0.000000001', '1,2,3,4', '1..2', '-5', '+7', '٣', '１２'),
  );
  const money = fc
    .tuple(fc.constantFrom('$', 'US$', 'USD ', '€', '£', '', '$$'), digits, fc.constantFrom(' ', ''), fc.constantFrom(...SCALES), fc.constantFrom('', ' dollars', ' USD', ' euros'))
    .map(([p, n, s, scale, suffix]) => `${p}${n}${scale ? s + scale : ''}${suffix}`);
  const date = fc.oneof(
    fc.tuple(fc.constantFrom(...MONTHS), fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 9999 })).map(([m, d, y]) => `${m} ${d}, ${y}`),
    fc.tuple(fc.integer({ min: 0, max: 40 }), fc.constantFrom(...MONTHS), fc.integer({ min: 1900, max: 2100 })).map(([d, m, y]) => `${d} ${m} ${y}`),
    fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })).map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
    fc.tuple(fc.constantFrom(...MONTHS), fc.integer({ min: 1900, max: 2100 })).map(([m, y]) => `${m} ${y}`),
    fc.integer({ min: 1000, max: 2999 }).map(String),
  );
  const duration = fc
    .tuple(fc.oneof(fc.constantFrom(...NUMBER_WORDS), fc.integer({ min: 0, max: 100 }).map(String)), fc.constantFrom(' ', '-'), fc.constantFrom(...UNITS))
    .map(([n, s, u]) => `${n}${s}${u}`);
  const plain = fc.oneof(money, date, duration, fc.constantFrom(...NUMBER_WORDS));
  return fc.tuple(fc.option(fc.constantFrom(...QUALIFIERS), { nil: undefined }), plain).map(([q, v]) => (q ? `${q} ${v}` : v));
}

/** Replaces the figures of a seed sentence by other figures, so matched facts meet wrong, right and odd values. */
function perturbed(sentence: string): fc.Arbitrary<string> {
  const pieces = sentence.split(/(\$?\d[\d.,]*(?:\s?(?:billion|million|bn|B))?|(?:January|February|March|April|May|June|July|August|September|October|November|December)\b|\bnine\b|\bseven\b|\bfirst\b)/);
  if (pieces.length === 1) return fc.constant(sentence);
  return fc
    .array(fc.option(valuePhrase(), { nil: undefined, freq: 2 }), { minLength: pieces.length, maxLength: pieces.length })
    .map((replacements) => pieces.map((p, i) => (i % 2 === 1 && replacements[i] !== undefined ? (replacements[i] as string) : p)).join(''));
}

/** A sentence: from the seed (perturbed or not), or assembled from party names, cue words and values. */
export function sentence(): fc.Arbitrary<string> {
  const seed = fc.constantFrom(...seedSentences());
  const parties = ['Meta', 'CoreWeave', 'NVIDIA', 'AMD', 'Muse Spark', 'Meta Superintelligence Labs', 'MSL', 'Meta Platforms', 'Advanced Micro Devices', 'Acme'];
  const cues = ['deal', 'agreement', 'worth', 'valued', 'contract', 'runs through', 'financing facility', 'closed', 'partnership', 'rebuilt', 'stack', 'model', 'series', 'expanded', 'the'];
  const assembled = fc
    .array(fc.oneof(fc.constantFrom(...parties), fc.constantFrom(...cues), valuePhrase(), fc.constantFrom(...AWKWARD_CHARS)), { minLength: 1, maxLength: 14 })
    .map((words) => `${words.join(' ')}.`);
  const cited = fc
    .tuple(fc.oneof(seed.chain(perturbed), assembled), fc.constantFrom('', ' (about.fb.com)', ' (investors.coreweave.com)', ' (example.org)', ' (source: about.fb.com; investors.coreweave.com)', ' (about.fb.com) (investors.coreweave.com)', '[^1]', ' [src](https://about.fb.com/)'))
    .map(([s, c]) => s + c);
  return fc.oneof({ weight: 3, arbitrary: cited }, { weight: 1, arbitrary: seed });
}

/** Inline Markdown wrapped around or spliced into a sentence. */
function inline(text: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const wrap = fc.constantFrom(
    (s: string) => s,
    (s: string) => `*${s}*`,
    (s: string) => `**${s}**`,
    (s: string) => `_${s}_`,
    (s: string) => `~~${s}~~`,
    (s: string) => `\`${s}\``,
    (s: string) => `[${s}](${URLS[s.length % URLS.length]})`,
    (s: string) => `[${s}][ref]`,
    (s: string) => `<span title="a">${s}</span>`,
    (s: string) => `${s}<br>`,
    (s: string) => s.replace(/\$/g, '\\$').replace(/\./g, '\\.'),
    (s: string) => s.replace(/ /g, '&nbsp;').replace(/\$/g, '&#36;'),
    (s: string) => s.replace(/a/g, '&#x1F600;'),
    (s: string) => s.replace(/ /g, '  \n'),
    (s: string) => s.replace(/ /g, '\\\n'),
    (s: string) => `![${s}](img.png)`,
    (s: string) => `<https://about.fb.com/${s.slice(0, 10).replace(/[^A-Za-z0-9]/g, '-')}>`,
    (s: string) => `${s} <!-- sourcecheck-disable-line -->`,
    (s: string) => `${s}[^${s.length % 3}]`,
  );
  return fc.tuple(text, wrap).map(([s, w]) => w(s));
}

function paragraph(): fc.Arbitrary<string> {
  return fc.array(inline(sentence()), { minLength: 1, maxLength: 5 }).map((ss) => ss.join(' '));
}

/** One Markdown block. */
export function block(): fc.Arbitrary<string> {
  const p = paragraph();
  return fc.oneof(
    { weight: 6, arbitrary: p },
    fc.tuple(fc.integer({ min: 1, max: 7 }), p).map(([n, s]) => `${'#'.repeat(n)} ${s}`),
    p.map((s) => `${s}\n${'='.repeat(3)}`),
    fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.constantFrom('-', '*', '+', '1.', '2)', '- [ ]', '- [x]'), p), { minLength: 1, maxLength: 8 })
      .map((items) => items.map(([depth, marker, s]) => `${'  '.repeat(depth)}${marker} ${s}`).join('\n')),
    fc.tuple(fc.integer({ min: 1, max: 5 }), p).map(([depth, s]) => `${'> '.repeat(depth)}${s}\n${'>'.repeat(depth)} ${s}`),
    fc.tuple(fc.array(p, { minLength: 1, maxLength: 4 }), fc.array(fc.array(fc.oneof(p, valuePhrase()), { minLength: 1, maxLength: 4 }), { maxLength: 4 }))
      .map(([head, rows]) => [`| ${head.join(' | ')} |`, `|${head.map(() => ' --- ').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')}`)].join('\n')),
    fc.tuple(fc.constantFrom('```', '~~~', '````', '```sh'), p, fc.boolean()).map(([f, s, closed]) => `${f}\n${s}\n${closed ? f.replace(/[a-z]+$/, '') : ''}`),
    p.map((s) => `    ${s}`),
    p.map((s) => `<div>\n${s}\n</div>`),
    p.map((s) => `<!-- ${s} -->`),
    fc.constantFrom(
      '<!-- sourcecheck-disable -->', '<!-- sourcecheck-enable mismatch -->', '<!-- sourcecheck-disable-next-line missing-citation -->',
      '<!-- sourcecheck-disable-file unsupported -->', '<!--', '-->', '---', '***', '$$\nx\n$$',
    ),
    fc.tuple(fc.constantFrom('1', 'a', 'ref', 'about', '^'), fc.constantFrom(...URLS, ...DOMAINS)).map(([id, url]) => `[^${id}]: ${url}`),
    fc.tuple(fc.constantFrom('ref', 'x', 'about'), fc.constantFrom(...URLS)).map(([id, url]) => `[${id}]: ${url}`),
    fc.tuple(fc.constantFrom(...DOMAINS), fc.integer({ min: 1, max: 40 })).map(([d, n]) => `Read (${Array(n).fill(d).join(', ')}) and (${d.replace(/\./g, '.'.repeat(n % 3 + 1))}`),
    // A very long line: one sentence repeated without a break.
    fc.tuple(sentence(), fc.integer({ min: 20, max: 120 })).map(([s, n]) => Array(n).fill(s).join(' ')),
  );
}

/** Line-ending and byte-order-mark treatments a pasted or Windows-edited draft may have. */
function lineEndings(text: string, style: number, bom: boolean): string {
  let out = text;
  if (style === 1) out = out.replace(/\r?\n/g, '\r\n');
  else if (style === 2) out = out.replace(/\r?\n/g, '\r');
  else if (style === 3) out = out.replace(/\n/g, (_, i: number) => (i % 2 === 0 ? '\r\n' : '\n'));
  return bom ? `\uFEFF${out}` : out;
}

/** A whole generated draft: blocks, optional front matter, any line-ending style. */
export function generatedDocument(): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.option(fc.constantFrom('---\ntitle: x\n---', '+++\na = 1\n+++', '---\nunclosed: [\n'), { nil: undefined, freq: 5 }),
      fc.array(block(), { minLength: 1, maxLength: 12 }),
      fc.array(fc.constantFrom('\n\n', '\n', '\n\n\n', '\n   \n'), { minLength: 12, maxLength: 12 }),
      fc.integer({ min: 0, max: 3 }),
      fc.boolean(),
    )
    .map(([front, blocks, gaps, style, bom]) => {
      const body = blocks.map((b, i) => b + (gaps[i] ?? '\n\n')).join('');
      return lineEndings(front ? `${front}\n${body}` : body, style, bom);
    });
}

/** The shared examples and the seed article cut at arbitrary UTF-16 offsets and spliced together. */
export function splicedExamples(): fc.Arbitrary<string> {
  const sources = [...exampleDrafts(), seedArticle()];
  const cut = fc
    .tuple(fc.constantFrom(...sources.keys()), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }))
    .map(([i, a, b]) => {
      const text = sources[i] as string;
      const [lo, hi] = [Math.floor(Math.min(a, b) * text.length), Math.ceil(Math.max(a, b) * text.length)];
      return text.slice(lo, hi);
    });
  return fc.array(cut, { minLength: 1, maxLength: 6 }).map((parts) => parts.join(''));
}

/** A character-level edit: insert an awkward character or a value, delete, duplicate or move a range. */
type Mutation = { kind: 'insert'; at: number; text: string } | { kind: 'delete' | 'duplicate'; at: number; length: number };

function mutation(): fc.Arbitrary<Mutation> {
  return fc.oneof(
    fc.record({ kind: fc.constant('insert' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), text: fc.oneof(fc.constantFrom(...AWKWARD_CHARS), valuePhrase(), fc.string({ unit: 'binary', maxLength: 8 })) })
      .map((m) => ({ ...m, at: m.at })),
    fc.record({ kind: fc.constantFrom('delete' as const, 'duplicate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.integer({ min: 1, max: 200 }) }),
  ) as fc.Arbitrary<Mutation>;
}

function applyMutation(text: string, m: Mutation): string {
  const at = Math.floor(m.at * text.length);
  switch (m.kind) {
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.length);
    case 'duplicate':
      return text.slice(0, at + m.length) + text.slice(at, at + m.length) + text.slice(at + m.length);
  }
}

/** `base` with a few character-level mutations applied. */
export function mutated(base: fc.Arbitrary<string>, maxMutations = 8): fc.Arbitrary<string> {
  return fc.tuple(base, fc.array(mutation(), { maxLength: maxMutations })).map(([text, ms]) => ms.reduce(applyMutation, text));
}

/** Every kind of draft the engine fuzzers try: generated, spliced, and either of them mutated. */
export function markdownDraft(): fc.Arbitrary<string> {
  const generated = generatedDocument();
  const spliced = splicedExamples();
  return fc.oneof(
    { weight: 4, arbitrary: generated },
    { weight: 2, arbitrary: spliced },
    { weight: 3, arbitrary: mutated(fc.oneof(generated, spliced)) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 400 }) },
  );
}

/** Prose for the mention extractor: value phrases among words and awkward characters. */
export function valueProse(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.array(fc.oneof(valuePhrase(), fc.constantFrom(...AWKWARD_CHARS), fc.constantFrom('the', 'deal', 'page', 'flight', 'in', 'on', 'of', 'and', 'to', 'a', 'for')), { maxLength: 30 })
      .map((parts) => parts.join(' ')),
    mutated(fc.constantFrom(...seedSentences()), 6),
    fc.string({ unit: 'binary', maxLength: 200 }),
  );
}

/** Values a hostile or careless fact file may hold where a scalar is expected. */
const YAML_VALUES = [
  '', '~', 'null', '[]', '{}', '[a, [b, [c]]]', '{a: 1}', '42', '-1', '1e400', '0x1F', '.nan', '.inf', 'true', 'yes', '2026-02-17',
  '"about $21 billion"', "'it''s'", '|\n  block\n  text', '>-\n  folded', '&a x', '*a', '*missing', '!!binary aGk=', '!!js/function "f(){}"',
  'javascript:alert(1)', 'command:workbench.action.terminal.new', 'data:text/html,x', '"<script>alert(1)</script>"', '"[x](javascript:alert(1))"',
  '"**bold** _em_ `code`"', '"\\u0000"', '"😀"', '"\\uD800"', `"${'9'.repeat(400)}"`, '? complex\n: key', '- - - deep',
];

type LineMutation =
  | { kind: 'delete' | 'duplicate' | 'indent' | 'dedent'; at: number }
  | { kind: 'value'; at: number; value: string }
  | { kind: 'swap'; at: number; other: number };

function lineMutation(): fc.Arbitrary<LineMutation> {
  const at = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
  return fc.oneof(
    fc.record({ kind: fc.constantFrom('delete' as const, 'duplicate' as const, 'indent' as const, 'dedent' as const), at }),
    fc.record({ kind: fc.constant('value' as const), at, value: fc.oneof(fc.constantFrom(...YAML_VALUES), valuePhrase()) }),
    fc.record({ kind: fc.constant('swap' as const), at, other: at }),
  ) as fc.Arbitrary<LineMutation>;
}

function applyLineMutation(text: string, m: LineMutation): string {
  const lines = text.split('\n');
  const i = Math.floor(m.at * lines.length);
  const line = lines[i] ?? '';
  switch (m.kind) {
    case 'delete':
      lines.splice(i, 1);
      break;
    case 'duplicate':
      lines.splice(i, 0, line);
      break;
    case 'indent':
      lines[i] = `  ${line}`;
      break;
    case 'dedent':
      lines[i] = line.replace(/^ {1,2}/, '');
      break;
    case 'value': {
      const colon = line.indexOf(': ');
      lines[i] = colon >= 0 ? `${line.slice(0, colon + 2)}${m.value}` : `${line.replace(/\S.*$/, '')}- ${m.value}`;
      break;
    }
    case 'swap': {
      const j = Math.floor(m.other * lines.length);
      [lines[i], lines[j]] = [lines[j] ?? '', line];
      break;
    }
  }
  return lines.join('\n');
}

/** A fact file (`base`) with line-level YAML mutations and then a few character-level ones. */
export function mutatedFactYaml(base: string): fc.Arbitrary<string> {
  const lineLevel = fc.tuple(fc.constant(base), fc.array(lineMutation(), { minLength: 1, maxLength: 6 })).map(([text, ms]) => ms.reduce(applyLineMutation, text));
  return fc.oneof({ weight: 3, arbitrary: lineLevel }, { weight: 1, arbitrary: mutated(lineLevel, 4) }, { weight: 1, arbitrary: mutated(fc.constant(base), 6) });
}
