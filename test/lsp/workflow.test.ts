/**
 * The writer's workflow through the real server: go to source, references across the workspace,
 * cite-as-you-type completion in each citation style, verified marks, the Sources view request and
 * Add fact from selection.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import {
  CompletionRequest,
  DefinitionRequest,
  FileChangeType,
  InlayHintRequest,
  ReferencesRequest,
  type CompletionItem,
  type CompletionList,
  type FullDocumentDiagnosticReport,
  type InlayHint,
  type Location,
  type MarkupContent,
  type Position,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { applyFixes } from '../../server/src/engine/fixes/applyFixes';
import { addFactRequest, sourcesRequest, type AddFactResult, type SourcesResult } from '../../server/src/lspExt';
import { REPO_ROOT, Session, fileUri } from './helpers/client';
import { unescapeMarkdown } from './helpers/markdown';

const SEED_FACTS = path.join(REPO_ROOT, 'seeds', 'facts.yaml');
const SEED_ARTICLE = path.join(REPO_ROOT, 'seeds', 'meta-muse-spark-coreweave.txt');
const DIR = path.join(REPO_ROOT, 'test', 'fixtures', 'lsp');
const WRONG = 'CoreWeave valued the expanded Meta agreement at roughly $31 billion. (investors.coreweave.com)';
const CORRECT = 'CoreWeave valued the expanded Meta agreement at about $21 billion. (investors.coreweave.com)';

/** The position of the first `needle` in `text`, plus `offset` characters. */
function positionOf(text: string, needle: string, offset = 0): Position {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `"${needle}" in the text`);
  const before = text.slice(0, at + offset).split('\n');
  return { line: before.length - 1, character: (before.at(-1) ?? '').length };
}

/** The text a location covers in `text`. */
function textAt(text: string, location: { range: Location['range'] }): string {
  const lines = text.split('\n');
  const { start, end } = location.range;
  if (start.line === end.line) return (lines[start.line] ?? '').slice(start.character, end.character);
  return [(lines[start.line] ?? '').slice(start.character), ...lines.slice(start.line + 1, end.line), (lines[end.line] ?? '').slice(0, end.character)].join('\n');
}

function items(result: CompletionItem[] | CompletionList | null): CompletionItem[] {
  if (!result) return [];
  return Array.isArray(result) ? result : result.items;
}

/** The document after accepting a completion item (its edit and its additional edits). */
function accept(text: string, item: CompletionItem): string {
  const edit = item.textEdit as TextEdit;
  assert.ok(edit && 'range' in edit, `${item.label} has a text edit`);
  return applyFixes(text, [edit, ...(item.additionalTextEdits ?? [])]);
}

describe('go to source, completion, verified marks and the Sources view (seed facts)', () => {
  let session: Session;
  let version = 1;
  before(async () => {
    session = await Session.start({ pull: true });
  });
  after(() => session.stop());

  async function complete(uri: string, text: string, position: Position, trigger = '('): Promise<CompletionItem[]> {
    await session.change(uri, ++version, [{ text }]);
    return items(await session.request(CompletionRequest.method, { textDocument: { uri }, position, context: { triggerKind: 2, triggerCharacter: trigger } }));
  }

  test('definition on a wrong figure opens the seed article at the quote', async () => {
    const uri = fileUri(path.join(DIR, 'definition-mismatch.md'));
    await session.open(uri, `${WRONG}\n`);
    const report = (await session.pull(uri)) as FullDocumentDiagnosticReport;
    assert.ok(report.items.some((d) => d.code === 'mismatch'), 'the figure is a mismatch');
    const locations = await session.request<Location[]>(DefinitionRequest.method, { textDocument: { uri }, position: positionOf(WRONG, '$31', 2) });
    assert.equal(locations.length, 1, JSON.stringify(locations));
    const location = locations[0]!;
    assert.equal(location.uri, fileUri(SEED_ARTICLE));
    assert.equal(textAt(readFileSync(SEED_ARTICLE, 'utf8'), location), 'the total value is approximately $21 billion');
  });

  test('definition on a citation goes to the source entry in the fact file', async () => {
    const uri = fileUri(path.join(DIR, 'definition-citation.md'));
    const text = `# Notes\n\n${CORRECT}\n`;
    await session.open(uri, text);
    const locations = await session.request<Location[]>(DefinitionRequest.method, { textDocument: { uri }, position: positionOf(text, 'coreweave.com)', 3) });
    assert.equal(locations.length, 1, JSON.stringify(locations));
    assert.equal(locations[0]!.uri, fileUri(SEED_FACTS));
    const entry = textAt(readFileSync(SEED_FACTS, 'utf8'), locations[0]!);
    assert.match(entry, /^id: investors\.coreweave\.com\n\s+name: CoreWeave investor relations\n\s+url: https:\/\/investors\.coreweave\.com\//);
    // Away from statements and citations there is nothing to go to.
    assert.deepEqual(await session.request(DefinitionRequest.method, { textDocument: { uri }, position: { line: 0, character: 3 } }), []);
  });

  test('completion after "(": the sentence\'s sources first, each with its name and quote, then the others', async () => {
    const uri = fileUri(path.join(DIR, 'completion-parenthetical.md'));
    const sentence = 'CoreWeave valued the expanded Meta agreement at about $21 billion. ';
    await session.open(uri, `${sentence}\n`, 'markdown', ++version);
    const text = `${sentence}(\n`;
    const list = await complete(uri, text, { line: 0, character: sentence.length + 1 });
    assert.deepEqual(list.map((i) => i.label), ['investors.coreweave.com', 'about.fb.com', 'openthemagazine.com']);
    const sorted = [...list].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
    assert.deepEqual(sorted.map((i) => i.label), list.map((i) => i.label), 'sortText keeps the order');
    const first = list[0]!;
    assert.equal(first.labelDetails?.description, 'CoreWeave investor relations');
    assert.match(first.detail ?? '', /the total value is approximately \$21 billion/);
    assert.equal(list[2]!.detail, 'Open magazine', 'a source that does not back the sentence shows no quote');
    const cited = accept(text, first);
    assert.equal(cited, `${sentence}(investors.coreweave.com)\n`);
    await session.change(uri, ++version, [{ text: cited }]);
    const report = (await session.pull(uri)) as FullDocumentDiagnosticReport;
    assert.deepEqual(report.items.map((d) => d.code), [], 'the completed citation backs the sentence');
  });

  test('completion replaces a closing parenthesis the editor added, and filters by what was typed', async () => {
    const uri = fileUri(path.join(DIR, 'completion-autoclose.md'));
    const sentence = 'CoreWeave valued the expanded Meta agreement at about $21 billion. ';
    await session.open(uri, `${sentence}\n`, 'markdown', ++version);
    const text = `${sentence}(inv)\n`;
    const list = await complete(uri, text, { line: 0, character: sentence.length + 4 }, 'v');
    const first = list[0]!;
    assert.equal(first.label, 'investors.coreweave.com');
    assert.equal(accept(text, first), `${sentence}(investors.coreweave.com)\n`);
  });

  test('completion in a footnote-style draft inserts a reference and adds the missing definition', async () => {
    const uri = fileUri(path.join(DIR, 'completion-footnote.md'));
    const intro = 'Meta says that group rebuilt its AI stack over the last nine months.[^fb]\n\n';
    const sentence = 'CoreWeave valued the expanded Meta agreement at about $21 billion.';
    const footer = '\n\n[^fb]: https://about.fb.com/news/\n';
    await session.open(uri, `${intro}${sentence}${footer}`, 'markdown', ++version);
    const text = `${intro}${sentence}[^${footer}`;
    const list = await complete(uri, text, { line: 2, character: sentence.length + 2 }, '^');
    assert.deepEqual(list.slice(0, 2).map((i) => i.label), ['investors.coreweave.com', 'about.fb.com']);
    const added = accept(text, list[0]!);
    assert.equal(added, `${intro}${sentence}[^investors-coreweave-com]${footer}\n[^investors-coreweave-com]: https://investors.coreweave.com/\n`);
    // A source the draft already has a footnote for reuses it and adds nothing.
    assert.equal(accept(text, list[1]!), `${intro}${sentence}[^fb]${footer}`);

    // "(" in a footnote-style draft offers footnote references too.
    const paren = `${intro}${sentence} (${footer}`;
    const fromParen = await complete(uri, paren, { line: 2, character: sentence.length + 2 });
    assert.equal(accept(paren, fromParen[0]!), `${intro}${sentence} [^investors-coreweave-com]${footer}\n[^investors-coreweave-com]: https://investors.coreweave.com/\n`);
    await session.change(uri, ++version, [{ text: added }]);
    const report = (await session.pull(uri)) as FullDocumentDiagnosticReport;
    assert.deepEqual(report.items.map((d) => d.code), []);
  });

  test('completion in a link-style draft inserts a Markdown link', async () => {
    const uri = fileUri(path.join(DIR, 'completion-link.md'));
    const intro = 'Meta says that group rebuilt its AI stack over the last nine months, [Meta said](https://about.fb.com/news/).\n\n';
    const sentence = 'CoreWeave valued the expanded Meta agreement at about $21 billion ';
    await session.open(uri, `${intro}${sentence}\n`, 'markdown', ++version);
    const text = `${intro}${sentence}(\n`;
    const list = await complete(uri, text, { line: 2, character: sentence.length + 1 });
    assert.equal(list[0]!.label, 'investors.coreweave.com');
    const linked = accept(text, list[0]!);
    assert.equal(linked, `${intro}${sentence}([investors.coreweave.com](https://investors.coreweave.com/))\n`);
    await session.change(uri, ++version, [{ text: linked.replace(/\)\n$/, ').\n') }]);
    const report = (await session.pull(uri)) as FullDocumentDiagnosticReport;
    assert.deepEqual(report.items.map((d) => d.code), []);
  });

  test('completion is quiet after a word, in inline code, in a code block and in a link', async () => {
    const uri = fileUri(path.join(DIR, 'completion-quiet.md'));
    const lines = ['CoreWeave valued the deal at about $21 billion f(', 'Use `cite(', '', '```', 'CoreWeave valued the deal at about $21 billion. (', '```', '', 'See [CoreWeave](', ''];
    const text = lines.join('\n');
    await session.open(uri, text, 'markdown', ++version);
    for (const line of [0, 1, 4, 7]) {
      const position = { line, character: (lines[line] as string).length };
      const list = items(await session.request(CompletionRequest.method, { textDocument: { uri }, position, context: { triggerKind: 2, triggerCharacter: '(' } }));
      assert.deepEqual(list, [], `no completion on line ${line + 1}: ${lines[line]}`);
    }
  });

  test('verified marks: none while the setting is off, one per agreeing cited statement when on', async () => {
    const uri = fileUri(path.join(DIR, 'inlay.md'));
    const text = `${CORRECT}\n\n${WRONG}\n\nMeta announced its NVIDIA partnership on February 17, 2026.\n`;
    await session.open(uri, text, 'markdown', ++version);
    const range = { start: { line: 0, character: 0 }, end: { line: 6, character: 0 } };
    const off = await session.request<InlayHint[]>(InlayHintRequest.method, { textDocument: { uri }, range });
    assert.deepEqual(off, []);
    // The server asks the editor to refresh its inlay hints once it has applied the new settings.
    const refreshes = session.inlayHintRefreshes;
    await session.setSettings({ verifiedMarks: true });
    await session.waitFor('an inlay hint refresh', () => (session.inlayHintRefreshes > refreshes ? true : undefined));
    const hints = await session.request<InlayHint[]>(InlayHintRequest.method, { textDocument: { uri }, range });
    const labels = hints.map((h) => `${h.position.line}:${h.position.character} ${String(h.label)}`);
    // The first sentence agrees throughout: one mark at its end, before the citation. The second
    // sentence's figure is wrong, so only its agreeing claims could be marked, and they are
    // sentence-wide: no mark. The third is uncited: no mark.
    assert.deepEqual(labels, [`0:${CORRECT.indexOf(' (investors')} ✓ investors.coreweave.com`]);
    assert.match(unescapeMarkdown((hints[0]!.tooltip as MarkupContent).value), /“the total value is approximately \$21 billion”/);
    await session.setSettings({ verifiedMarks: false });
  });

  test('sourcecheck/sources: each fact with its status in the draft', async () => {
    const uri = fileUri(path.join(DIR, 'sources-view.md'));
    // The appended statement is one the draft has not made (and cited) before, so it is uncited.
    const text = `${readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'examples', 'p1-figures.md'), 'utf8')}\nCoreWeave said the added capacity is for inference workloads.\n`;
    await session.open(uri, text, 'markdown', ++version);
    const view = await session.request<SourcesResult>(sourcesRequest.method, { uri });
    assert.equal(view.checked, true);
    assert.deepEqual(view.sources.map((s) => s.id), ['about.fb.com', 'investors.coreweave.com', 'openthemagazine.com']);
    const status = (source: string, fact: string) => view.sources.find((s) => s.id === source)?.facts.find((f) => f.id === fact)?.status;
    assert.equal(status('investors.coreweave.com', 'coreweave-deal-value'), 'disagrees');
    assert.equal(status('about.fb.com', 'msl-rebuilt-stack-duration'), 'disagrees', 'the twelve-month sentence disagrees, though another agrees');
    assert.equal(status('investors.coreweave.com', 'coreweave-capacity-for-inference'), 'uncited');
    assert.equal(status('about.fb.com', 'meta-nvidia-partnership-date'), 'agrees');
    assert.equal(status('about.fb.com', 'muse-spark-first-in-series'), 'agrees');
    assert.equal(status('openthemagazine.com', 'muse-spark-avocado-family'), 'unused');
    const deal = view.sources.find((s) => s.id === 'investors.coreweave.com')!.facts.find((f) => f.id === 'coreweave-deal-value')!;
    assert.equal(deal.quote.text, 'the total value is approximately $21 billion');
    assert.equal(deal.quote.uri, fileUri(SEED_ARTICLE));
    assert.equal(textAt(text, { range: deal.statements[0]! }), '$31 billion');
    const closed = await session.request<SourcesResult>(sourcesRequest.method, { uri: fileUri(path.join(DIR, 'not-open.md')) });
    assert.deepEqual(closed, { uri: fileUri(path.join(DIR, 'not-open.md')), checked: false, sources: [] });
  });

  test('the server logged no errors', () => {
    assert.deepEqual(session.errorLogs(), []);
  });
});

const FIXTURE = path.join(REPO_ROOT, 'test', 'fixtures', 'lsp', 'workspace');
const NOTE = 'Acme Robotics will open a factory in Ohio at a cost of $40 million. (acme.example)\n';

describe('references and Add fact from selection (a workspace of drafts)', () => {
  let dir: string;
  let session: Session;
  before(async () => {
    dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'sourcecheck-workflow-')));
    cpSync(FIXTURE, dir, { recursive: true });
    mkdirSync(path.join(dir, 'drafts'));
    writeFileSync(path.join(dir, 'drafts', 'a.md'), '# A\n\nAcme Robotics raised $7 million in its seed round. (acme.example)\n');
    writeFileSync(path.join(dir, 'drafts', 'b.md'), 'Acme Robotics raised $5 million in a seed round. (acme.example)\n\nAcme Robotics raised $5 million in its seed round, it said.\n');
    writeFileSync(path.join(dir, 'drafts', 'unrelated.md'), 'Nothing here speaks to Acme figures.\n');
    writeFileSync(path.join(dir, 'notes.txt'), `${readFileSync(path.join(dir, 'source.txt'), 'utf8')}${NOTE}`);
    session = await Session.start({ pull: false, folders: [dir] });
  });
  after(async () => {
    await session.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const references = (uri: string, position: Position, includeDeclaration = false) =>
    session.request<Location[]>(ReferencesRequest.method, { textDocument: { uri }, position, context: { includeDeclaration } });
  const describe = (locations: Location[]) => locations.map((l) => `${path.relative(dir, new URL(l.uri).pathname)}:${l.range.start.line + 1}`);

  test('from a statement: every sentence of every draft that speaks to the fact, whatever its verdict', async () => {
    const a = path.join(dir, 'drafts', 'a.md');
    const uri = fileUri(a);
    const text = readFileSync(a, 'utf8');
    await session.open(uri, text);
    const found = await references(uri, positionOf(text, '$7 million', 1));
    assert.deepEqual(describe(found), ['drafts/a.md:3', 'drafts/b.md:1', 'drafts/b.md:3']);
    const b = readFileSync(path.join(dir, 'drafts', 'b.md'), 'utf8');
    assert.equal(textAt(b, found[1]!), 'Acme Robotics raised $5 million in a seed round.');
  });

  test('from a fact in a fact file, and kept up to date as drafts change on disk', async () => {
    const facts = path.join(dir, 'facts.yaml');
    const text = readFileSync(facts, 'utf8');
    await session.open(fileUri(facts), text, 'yaml');
    const position = positionOf(text, 'cues: [raised');
    const found = await references(fileUri(facts), position);
    assert.deepEqual(describe(found), ['drafts/a.md:3', 'drafts/b.md:1', 'drafts/b.md:3']);
    // A new draft on disk, and one that no longer speaks to the fact.
    writeFileSync(path.join(dir, 'drafts', 'c.md'), 'Acme Robotics raised $6 million in a seed round.\n');
    writeFileSync(path.join(dir, 'drafts', 'b.md'), 'Acme Robotics makes robots.\n');
    await session.filesChanged([
      { uri: fileUri(path.join(dir, 'drafts', 'c.md')), type: FileChangeType.Created },
      { uri: fileUri(path.join(dir, 'drafts', 'b.md')), type: FileChangeType.Changed },
    ]);
    const again = await references(fileUri(facts), position, true);
    assert.deepEqual(describe(again), ['facts.yaml:12', 'drafts/a.md:3', 'drafts/c.md:1']);
    assert.deepEqual(await references(fileUri(facts), positionOf(text, 'url: https')), [], 'a source entry is no fact');
    await session.close(fileUri(facts));
  });

  test('Add fact from selection: a valid fact appended to the workspace fact file, which then flags a wrong figure', async () => {
    const notes = path.join(dir, 'notes.txt');
    const text = readFileSync(notes, 'utf8');
    await session.open(fileUri(notes), text, 'plaintext');
    const start = positionOf(text, 'Acme Robotics will');
    const range = { start, end: { line: start.line, character: start.character + NOTE.trimEnd().length } };
    const actions = await session.codeActions(fileUri(notes), range, { diagnostics: [] });
    const action = actions.find((a) => a.title === 'Add fact from selection');
    assert.ok(action?.command, `actions: ${actions.map((a) => a.title).join(' | ')}`);
    assert.deepEqual(action.command.arguments, [fileUri(notes), range]);

    const draft = fileUri(path.join(dir, 'drafts', 'factory.md'));
    await session.open(draft, 'Acme Robotics will spend $45 million on its Ohio factory. (acme.example)\n');
    const before = await session.waitForDiagnostics(draft);
    assert.ok(!before.diagnostics.some((d) => d.code === 'mismatch'), 'no fact speaks to the factory yet');

    const result = await session.request<AddFactResult>(addFactRequest.method, { uri: fileUri(notes), range });
    assert.ok(!('error' in result), JSON.stringify(result));
    const factsFile = path.join(dir, 'facts.yaml');
    assert.equal(result.factFile, fileUri(factsFile));
    const edits = result.edit.changes?.[result.factFile];
    assert.ok(edits);
    const written = applyFixes(readFileSync(factsFile, 'utf8'), edits);
    const yaml = parse(written) as { documents: Record<string, string>; facts: Array<Record<string, unknown>> };
    assert.equal(yaml.documents.notes, 'notes.txt', 'the note is declared as a document');
    const fact = yaml.facts.find((f) => f.id === result.factId);
    assert.ok(fact, written);
    assert.equal(fact.quote, 'Acme Robotics will open a factory in Ohio at a cost of $40 million.');
    assert.equal(fact.value, '$40 million');
    assert.deepEqual(fact.parties, ['acme']);
    assert.deepEqual(fact.sources, ['acme.example']);
    assert.equal(fact.document, 'notes');
    assert.ok(Array.isArray(fact.cues) && fact.cues.includes('factory'), JSON.stringify(fact.cues));
    assert.equal(textAt(written, { range: result.factRange }).split('\n')[0], `id: "${result.factId}"`);

    const count = session.publishedCount(draft);
    writeFileSync(factsFile, written);
    await session.filesChanged([{ uri: result.factFile, type: FileChangeType.Changed }]);
    const after = await session.waitForDiagnostics(draft, (p) => p.diagnostics.some((d) => d.code === 'mismatch'), count);
    const mismatch = after.diagnostics.find((d) => d.code === 'mismatch')!;
    assert.match(mismatch.message, /\$40 million/);
  });

  test('Add fact from selection refuses a selection that names no known party, with the reason', async () => {
    const notes = path.join(dir, 'notes.txt');
    const result = await session.request<AddFactResult>(addFactRequest.method, { uri: fileUri(notes), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } });
    assert.ok('error' in result);
    assert.match(result.error, /select the sentence/);
  });

  test('the server logged no errors', () => {
    assert.deepEqual(session.errorLogs(), []);
  });
});

describe('Add fact from selection in Restricted Mode', () => {
  test('offers no action and writes nothing', async () => {
    const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'sourcecheck-restricted-')));
    cpSync(FIXTURE, dir, { recursive: true });
    const session = await Session.start({ pull: false, folders: [dir], initializationOptions: { trusted: false } });
    try {
      const notes = path.join(dir, 'source.txt');
      const text = readFileSync(notes, 'utf8');
      await session.open(fileUri(notes), text, 'plaintext');
      const range = { start: { line: 0, character: 0 }, end: { line: 0, character: text.trimEnd().length } };
      const actions = await session.codeActions(fileUri(notes), range, { diagnostics: [] });
      assert.deepEqual(actions.map((a) => a.title), []);
      const result = await session.request<AddFactResult>(addFactRequest.method, { uri: fileUri(notes), range });
      assert.ok('error' in result && /Restricted Mode/.test(result.error), JSON.stringify(result));
    } finally {
      await session.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
