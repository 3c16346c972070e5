/**
 * Loads curated fact files (YAML) into one {@link FactBase}, checking every fact against the source
 * document it quotes. Every problem is reported as a diagnostic at its exact YAML position.
 */
import { isMap, isScalar } from 'yaml';
import type { FactBaseLoad, FactFileInput, FactHost, ParsedValue } from '../api';
import { LineIndex } from '../text/lineIndex';
import type { Fact, FactBase, FactFrame, FileDiagnostic, Party, QuoteLocation, Range, Source, SourceDocument, Value } from '../types';
import { baseName, formatDiagnostic } from './diagnostics';
import { Checker, closest, describe, truncate } from './schema';
import type { Entry, Located, MappingShape } from './schema';
import { fileLevelDiagnostic, readYaml, textFileProblem } from './yamlSource';
import type { YamlNode } from './yamlSource';

export { formatDiagnostic };

/** What the loader needs besides the files. */
export interface LoadOptions {
  /** Parses a fact's `value` text ("about $21 billion"); supplied by the value-parsing module. */
  parseValue: (text: string) => ParsedValue;
}

/** The fact file format version this loader reads. */
export const FACT_FILE_VERSION = 1;

const FACT_ID = /^[a-z0-9][a-z0-9-]*$/;
const DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9]$/i;
const QUOTE_IN_MESSAGE = 80;

const FILE_SHAPE: MappingShape = {
  noun: 'the fact file',
  required: ['version'],
  optional: ['documents', 'sources', 'parties', 'facts'],
};
const SOURCE_SHAPE: MappingShape = { noun: 'a source', required: ['id', 'url'], optional: ['name', 'aliases'] };
const PARTY_SHAPE: MappingShape = { noun: 'a party', required: ['id', 'names'], optional: ['partOf'] };
const FACT_SHAPE: MappingShape = {
  noun: 'a fact',
  required: ['id', 'statement', 'parties', 'cues', 'sources', 'quote'],
  optional: ['alsoAbout', 'minCues', 'value', 'tolerance', 'document', 'examples', 'measures', 'instance', 'role'],
};
const EXAMPLES_SHAPE: MappingShape = { noun: 'examples', required: [], optional: ['pass', 'fail'] };

/** Where something was first defined, for duplicate-id messages. */
interface Definition {
  file: string;
  range: Range;
}

/** A fact file that parsed, with the fact nodes kept for the second pass. */
interface ParsedFile {
  checker: Checker;
  facts: YamlNode[];
  /** Ids of the documents this file declares, in order. */
  documentIds: string[];
}

/**
 * Loads `files` into one fact base. Ids are global across files; references (parties, sources,
 * documents) resolve across all of them. `base` is set only when no error was found; warnings do
 * not prevent it. Diagnostics come sorted by file (in input order) and position.
 */
export function loadFactBase(files: FactFileInput[], host: FactHost, options: LoadOptions): FactBaseLoad {
  return new Loader(files, host, options).load();
}

class Loader {
  private readonly diagnostics: FileDiagnostic[] = [];
  private readonly parties = new Map<string, Party>();
  private readonly pendingPartOf: Array<{ checker: Checker; partyId: string; entry: Entry }> = [];
  private readonly sources = new Map<string, Source>();
  private readonly documents = new Map<string, SourceDocument>();
  private readonly documentLines = new Map<string, LineIndex>();
  private readonly facts: Fact[] = [];
  private readonly factsById = new Map<string, Fact>();
  private readonly firstDefinitions = new Map<string, Definition>();
  private readonly displayNames: Map<string, string>;

  constructor(
    private readonly files: FactFileInput[],
    private readonly host: FactHost,
    private readonly options: LoadOptions,
  ) {
    this.displayNames = displayNamesFor(files.map((f) => f.path));
  }

  load(): FactBaseLoad {
    const parsed: ParsedFile[] = [];
    for (const input of this.files) {
      const file = this.readFile(input);
      if (file) parsed.push(file);
    }
    this.resolvePartOf();
    for (const file of parsed) {
      for (const node of file.facts) this.readFact(file, node);
    }
    this.warnSharedPartyNames();

    const order = new Map(this.files.map((f, i) => [f.path, i]));
    const diagnostics = [...this.diagnostics].sort(
      (a, b) =>
        (order.get(a.file) ?? 0) - (order.get(b.file) ?? 0) ||
        a.range.start.line - b.range.start.line ||
        a.range.start.character - b.range.start.character,
    );
    if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
    const base: FactBase = {
      facts: this.facts,
      factsById: this.factsById,
      parties: this.parties,
      sources: this.sources,
      documents: this.documents,
    };
    return { base, diagnostics };
  }

  /** First pass over one file: documents, sources and parties are registered; facts are kept for later. */
  private readFile(input: FactFileInput): ParsedFile | undefined {
    const read = readYaml(input.path, input.text);
    this.diagnostics.push(...read.diagnostics);
    if (!read.file) return undefined;
    const checker = new Checker(read.file, this.diagnostics);
    const root = read.file.doc.contents;
    if (root === null || (isScalar(root) && root.value === null)) {
      this.diagnostics.push(fileLevelDiagnostic(input.path, 'fact file is empty: expected a mapping with version, documents, sources, parties and facts'));
      return undefined;
    }
    const rootNode = read.file.resolve(root);
    if (!isMap(rootNode)) {
      checker.error(
        checker.headOf(rootNode),
        `a fact file must be a mapping with version, documents, sources, parties and facts; found ${describe(rootNode)}`,
      );
      return undefined;
    }
    const top = checker.mapping(rootNode, checker.rangeOf(rootNode), 'fact file', FILE_SHAPE);
    if (!top) return undefined;

    const version = top.get('version');
    if (version) {
      const v = version.node;
      if (!v || !isScalar(v) || typeof v.value !== 'number') {
        checker.error(version.range, `version: expected the number ${FACT_FILE_VERSION}, found ${describe(v)}`);
      } else if (v.value !== FACT_FILE_VERSION) {
        checker.error(version.range, `unsupported fact file version ${v.value} (this loader reads version ${FACT_FILE_VERSION})`);
      }
    }

    const file: ParsedFile = { checker, facts: [], documentIds: [] };
    const documents = top.get('documents');
    if (documents) this.readDocuments(file, documents);
    const sources = top.get('sources');
    if (sources) for (const node of checker.list(sources) ?? []) this.readSource(checker, node);
    const parties = top.get('parties');
    if (parties) for (const node of checker.list(parties) ?? []) this.readParty(checker, node);
    const facts = top.get('facts');
    if (facts) file.facts = checker.list(facts) ?? [];
    return file;
  }

  private readDocuments(file: ParsedFile, entry: Entry): void {
    const { checker } = file;
    const node = entry.node;
    if (!node || !isMap(node)) {
      checker.error(entry.range, `documents: expected a mapping of document ids to paths, found ${describe(node)}`);
      return;
    }
    for (const pair of node.items) {
      const keyNode = pair.key === null ? null : checker.file.resolve(pair.key);
      const keyRange = keyNode ? checker.rangeOf(keyNode) : checker.headOf(node);
      const id = keyNode && isScalar(keyNode) && typeof keyNode.value === 'string' ? keyNode.value : undefined;
      if (id === undefined || !/^\S+$/.test(id)) {
        checker.error(keyRange, `documents: expected a document id without spaces, found ${describe(keyNode)}`);
        continue;
      }
      const valueNode = pair.value === null ? null : checker.file.resolve(pair.value);
      const valueRange = valueNode && !(isScalar(valueNode) && valueNode.value === null) ? checker.rangeOf(valueNode) : keyRange;
      const ref = checker.stringAt(valueNode, valueRange, `documents.${id}`, { nonBlank: true });
      if (!this.register('document', id, checker, keyRange)) continue;
      file.documentIds.push(id);
      if (!ref) continue;
      const got = this.host.readDocument(checker.file.path, ref.value);
      if ('error' in got) {
        checker.error(ref.range, `cannot read document '${id}' (${ref.value}): ${got.error}`);
        continue;
      }
      const problem = textFileProblem(got.text);
      if (problem !== undefined) {
        checker.error(ref.range, `document '${id}' (${ref.value}): ${problem}`);
        continue;
      }
      this.documents.set(id, { id, path: got.path, text: got.text });
    }
  }

  private readSource(checker: Checker, node: YamlNode): void {
    const entries = checker.mapping(node, checker.rangeOf(node), 'sources item', SOURCE_SHAPE);
    if (!entries) return;
    const id = this.readId(checker, entries.get('id'), 'source');
    const nameEntry = entries.get('name');
    const name = nameEntry ? checker.string(nameEntry, { nonBlank: true }) : undefined;
    const urlEntry = entries.get('url');
    const url = urlEntry ? this.readUrl(checker, urlEntry) : undefined;
    const aliasesEntry = entries.get('aliases');
    const aliases: string[] = [];
    for (const alias of aliasesEntry ? checker.stringList(aliasesEntry) ?? [] : []) {
      if (DOMAIN.test(stripWww(alias.value))) aliases.push(alias.value);
      else checker.error(alias.range, `aliases: expected a domain name such as example.com, found "${truncate(alias.value, 60)}"`);
    }
    // A source with a bad field is still declared, so facts citing it get no second error.
    if (!id || !this.register('source', id.value, checker, id.range)) return;
    if (!url || (nameEntry && !name)) return;
    const domains = new Set<string>();
    for (const candidate of [id.value, url.host, ...aliases]) {
      const d = stripWww(candidate.toLowerCase());
      if (DOMAIN.test(d)) domains.add(d);
    }
    this.sources.set(id.value, { id: id.value, name: name?.value ?? id.value, url: url.href, domains: [...domains] });
  }

  private readUrl(checker: Checker, entry: Entry): { href: string; host: string } | undefined {
    const text = checker.string(entry, { nonBlank: true });
    if (!text) return undefined;
    let url: URL;
    try {
      url = new URL(text.value.trim());
    } catch {
      checker.error(text.range, `url: not a valid URL: "${truncate(text.value, 60)}"`);
      return undefined;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      checker.error(text.range, `url: only http and https links are allowed, found "${truncate(text.value, 60)}"`);
      return undefined;
    }
    if (url.hostname === '') {
      checker.error(text.range, `url: the link has no host: "${truncate(text.value, 60)}"`);
      return undefined;
    }
    return { href: url.href, host: url.hostname };
  }

  private readParty(checker: Checker, node: YamlNode): void {
    const entries = checker.mapping(node, checker.rangeOf(node), 'parties item', PARTY_SHAPE);
    if (!entries) return;
    const id = this.readId(checker, entries.get('id'), 'party');
    const namesEntry = entries.get('names');
    const names = namesEntry ? this.readWords(checker, namesEntry) : undefined;
    if (!id || !this.register('party', id.value, checker, id.range)) return;
    if (!names) return;
    const list = names.map((n) => n.value);
    this.parties.set(id.value, { id: id.value, name: list[0] as string, names: list, partOf: [] });
    const partOf = entries.get('partOf');
    if (partOf) this.pendingPartOf.push({ checker, partyId: id.value, entry: partOf });
  }

  /** Resolves `partOf` once every file's parties are declared; a party may not contain itself. */
  private resolvePartOf(): void {
    for (const { checker, partyId, entry } of this.pendingPartOf) {
      const party = this.parties.get(partyId);
      const parents = this.readRefs(checker, entry, 'party', true);
      if (!party || !parents) continue;
      if (parents.includes(partyId)) {
        checker.error(entry.range, `partOf: party '${partyId}' cannot be part of itself`);
        continue;
      }
      party.partOf = parents;
    }
  }

  /** A non-empty list of words or phrases without surrounding whitespace (party names, cues). */
  private readWords(checker: Checker, entry: Entry): Located<string>[] | undefined {
    const items = checker.stringList(entry, { nonBlank: true, nonEmpty: true });
    if (!items) return undefined;
    let ok = true;
    items.forEach((item) => {
      if (item.value.trim() !== item.value) {
        checker.error(item.range, `${entry.name}: "${truncate(item.value, 40)}" must not start or end with whitespace`);
        ok = false;
      }
    });
    return ok && items.length > 0 ? items : undefined;
  }

  /** A party or source id: a string without whitespace. */
  private readId(checker: Checker, entry: Entry | undefined, kind: string): Located<string> | undefined {
    if (!entry) return undefined;
    const id = checker.string(entry, { nonBlank: true });
    if (!id) return undefined;
    if (/\s/.test(id.value)) {
      checker.error(id.range, `id: a ${kind} id must not contain whitespace, found "${truncate(id.value, 40)}"`);
      return undefined;
    }
    return id;
  }

  /**
   * Records the first definition of `kind` `id`; at a later one, reports where the first is and
   * returns false.
   */
  private register(kind: string, id: string, checker: Checker, range: Range): boolean {
    const key = `${kind}\u0000${id}`;
    const first = this.firstDefinitions.get(key);
    if (first) {
      const where = `${this.displayNames.get(first.file) ?? first.file}:${first.range.start.line + 1}:${first.range.start.character + 1}`;
      checker.error(range, `duplicate ${kind} id '${id}' (first defined at ${where})`);
      return false;
    }
    this.firstDefinitions.set(key, { file: checker.file.path, range });
    return true;
  }

  /** Second pass: one fact, now that every party, source and document of every file is known. */
  private readFact(file: ParsedFile, node: YamlNode): void {
    const { checker } = file;
    const entries = checker.mapping(node, checker.rangeOf(node), 'facts item', FACT_SHAPE);
    if (!entries) return;
    const errorsBefore = this.errorCount();
    const get = (key: string): Entry | undefined => entries.get(key);

    let id: Located<string> | undefined;
    const idEntry = get('id');
    if (idEntry) {
      id = checker.string(idEntry, { nonBlank: true });
      if (id && !FACT_ID.test(id.value)) {
        checker.error(id.range, `id: fact ids are lowercase letters, digits and hyphens (like coreweave-deal-value), found "${truncate(id.value, 40)}"`);
        id = undefined;
      }
      if (id && !this.register('fact', id.value, checker, id.range)) id = undefined;
    }

    const statementEntry = get('statement');
    const statement = statementEntry ? checker.string(statementEntry, { nonBlank: true }) : undefined;
    const partiesEntry = get('parties');
    const parties = partiesEntry ? this.readRefs(checker, partiesEntry, 'party', true) : undefined;
    const alsoAboutEntry = get('alsoAbout');
    const alsoAbout = alsoAboutEntry ? this.readRefs(checker, alsoAboutEntry, 'party', false) : [];
    const sourcesEntry = get('sources');
    const sources = sourcesEntry ? this.readRefs(checker, sourcesEntry, 'source', true) : undefined;

    const cuesEntry = get('cues');
    const cueItems = cuesEntry ? this.readWords(checker, cuesEntry) : undefined;
    const cues = cueItems ? this.readCues(checker, cueItems) : undefined;

    const valueEntry = get('value');
    const value = valueEntry ? this.readValue(checker, valueEntry) : undefined;
    const toleranceEntry = get('tolerance');
    let tolerance: number | undefined;
    if (toleranceEntry) {
      if (!valueEntry) checker.error(toleranceEntry.keyRange, 'tolerance: only a fact with a value can have a tolerance');
      else if (value) tolerance = this.readTolerance(checker, toleranceEntry, value.value);
    }

    const minCuesEntry = get('minCues');
    const explicitMinCues = minCuesEntry ? checker.positiveInteger(minCuesEntry) : undefined;
    const minCues = explicitMinCues?.value ?? (valueEntry ? 1 : 2);
    if (cues && minCues > cues.length) {
      if (explicitMinCues) {
        checker.warning(explicitMinCues.range, `minCues is ${minCues} but the fact has ${cues.length} distinct cue${cues.length === 1 ? '' : 's'}, so it can never match`);
      } else if (cuesEntry) {
        checker.warning(cuesEntry.range, `a fact without a value needs ${minCues} cues by default but this one has ${cues.length}; add cues or set minCues`);
      }
    }

    const frame = this.readFrame(checker, get('measures'), get('instance'), get('role'), valueEntry !== undefined);

    const quote = this.readQuote(file, node, get('quote'), get('document'));
    const examplesEntry = get('examples');
    const examples = examplesEntry ? this.readExamples(checker, examplesEntry) : { pass: [], fail: [] };

    if (this.errorCount() > errorsBefore) return;
    if (!id || !statement || !parties || !sources || !cues || !quote || !examples) return;
    const fact: Fact = {
      id: id.value,
      statement: statement.value,
      parties,
      alsoAbout: alsoAbout ?? [],
      cues,
      minCues,
      sources,
      quote,
      examples,
      origin: { file: checker.file.path, range: id.range },
    };
    if (value) {
      fact.value = value.value;
      fact.valueText = value.text;
    }
    if (tolerance !== undefined) fact.tolerance = tolerance;
    if (frame) fact.frame = frame;
    this.facts.push(fact);
    this.factsById.set(fact.id, fact);
  }

  /** What a fact declares about the quantity its value measures: `measures`, `instance`, `role`. */
  private readFrame(checker: Checker, measures: Entry | undefined, instance: Entry | undefined, role: Entry | undefined, hasValue: boolean): FactFrame | undefined {
    const frame: FactFrame = {};
    for (const entry of [measures, instance, role]) {
      if (entry && !hasValue) checker.error(entry.keyRange, `${entry.name}: only a fact with a value measures something`);
    }
    if (!hasValue) return undefined;
    if (measures) {
      const text = checker.string(measures, { nonBlank: true });
      if (text) frame.measures = text.value.trim().toLowerCase();
    }
    const oneOf = <T extends string>(entry: Entry | undefined, allowed: readonly T[]): T | undefined => {
      if (!entry) return undefined;
      const text = checker.string(entry, { nonBlank: true });
      if (!text) return undefined;
      if ((allowed as readonly string[]).includes(text.value)) return text.value as T;
      checker.error(text.range, `${entry.name}: expected one of ${allowed.join(', ')}, found "${truncate(text.value, 40)}"`);
      return undefined;
    };
    const inst = oneOf(instance, ['current', 'earlier'] as const);
    if (inst) frame.instance = inst;
    const r = oneOf(role, ['point', 'start', 'end'] as const);
    if (r) frame.role = r;
    return Object.keys(frame).length > 0 ? frame : undefined;
  }

  private errorCount(): number {
    let n = 0;
    for (const d of this.diagnostics) if (d.severity === 'error') n++;
    return n;
  }

  /** Whether some file declared `kind` `id`, even if the declaration itself had errors. */
  private declared(kind: string, id: string): boolean {
    return this.firstDefinitions.has(`${kind}\u0000${id}`);
  }

  private declaredIds(kind: string): string[] {
    const prefix = `${kind}\u0000`;
    return [...this.firstDefinitions.keys()].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
  }

  /** A list of ids that must be declared in some file; unknown ones are reported at the item. */
  private readRefs(checker: Checker, entry: Entry, kind: string, nonEmpty: boolean): string[] | undefined {
    const items = checker.stringList(entry, { nonBlank: true, nonEmpty });
    if (!items) return undefined;
    const out: string[] = [];
    for (const item of items) {
      if (this.declared(kind, item.value)) {
        if (!out.includes(item.value)) out.push(item.value);
        continue;
      }
      const guess = closest(item.value, this.declaredIds(kind));
      checker.error(item.range, `unknown ${kind} '${truncate(item.value, 40)}'${guess ? `; did you mean '${guess}'?` : ''}`);
    }
    return out;
  }

  /** Cues lowercased and deduplicated; a cue that is a party name is flagged because it adds nothing. */
  private readCues(checker: Checker, items: Located<string>[]): string[] {
    const cues: string[] = [];
    for (const item of items) {
      const cue = item.value.toLowerCase();
      if (cues.includes(cue)) {
        checker.warning(item.range, `cues: '${truncate(cue, 40)}' is listed twice`);
        continue;
      }
      for (const party of this.parties.values()) {
        if (party.names.some((n) => n.toLowerCase() === cue)) {
          checker.warning(item.range, `cues: '${truncate(cue, 40)}' is a name of party '${party.id}'; party names are matched separately, so this cue adds nothing`);
          break;
        }
      }
      cues.push(cue);
    }
    return cues;
  }

  private readValue(checker: Checker, entry: Entry): { value: Value; text: string } | undefined {
    const text = checker.string(entry, { nonBlank: true });
    if (!text) return undefined;
    let parsed: ParsedValue;
    try {
      parsed = this.options.parseValue(text.value);
    } catch (e) {
      parsed = { error: e instanceof Error ? e.message : String(e) };
    }
    if ('error' in parsed) {
      checker.error(text.range, `value: cannot read "${truncate(text.value, 60)}": ${parsed.error}`);
      return undefined;
    }
    return { value: parsed.value, text: text.value };
  }

  /** A tolerance in the value's own units: a non-negative number, or "N%" of the value. */
  private readTolerance(checker: Checker, entry: Entry, value: Value): number | undefined {
    const node = entry.node;
    if (node && isScalar(node) && typeof node.value === 'number') {
      if (!Number.isFinite(node.value) || node.value < 0) {
        checker.error(entry.range, `tolerance: expected a non-negative number, found ${describe(node)}`);
        return undefined;
      }
      return node.value;
    }
    const percent = node && isScalar(node) && typeof node.value === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(node.value) : null;
    if (!percent) {
      const units = value.kind === 'date' ? 'days' : "the value's units";
      checker.error(entry.range, `tolerance: expected a percentage such as "5%" or a number of ${units}, found ${describe(node)}`);
      return undefined;
    }
    const share = Number(percent[1]) / 100;
    switch (value.kind) {
      case 'money':
        return Math.abs(value.amount) * share;
      case 'duration':
        return Math.abs(value.amount) * share;
      case 'ordinal':
        return Math.abs(value.n) * share;
      case 'date':
        checker.error(entry.range, 'tolerance: a percentage does not apply to a date; give a number of days');
        return undefined;
    }
  }

  /** The quote, found verbatim in its document. */
  private readQuote(file: ParsedFile, factNode: YamlNode, quoteEntry: Entry | undefined, documentEntry: Entry | undefined): QuoteLocation | undefined {
    const { checker } = file;
    const quote = quoteEntry ? checker.string(quoteEntry, { nonBlank: true }) : undefined;

    let documentId: string | undefined;
    if (documentEntry) {
      const ref = checker.string(documentEntry, { nonBlank: true });
      if (!ref) return undefined;
      if (!this.declared('document', ref.value)) {
        const guess = closest(ref.value, this.declaredIds('document'));
        checker.error(ref.range, `unknown document '${truncate(ref.value, 40)}'${guess ? `; did you mean '${guess}'?` : ''}`);
        return undefined;
      }
      documentId = ref.value;
    } else if (file.documentIds.length === 1) {
      documentId = file.documentIds[0];
    } else {
      const count = file.documentIds.length === 0 ? 'no documents' : `${file.documentIds.length} documents`;
      checker.error(checker.headOf(factNode), `missing 'document': this file declares ${count}, so the fact must name the document its quote is from`);
      return undefined;
    }
    if (!quote || documentId === undefined) return undefined;
    const doc = this.documents.get(documentId);
    if (!doc) return undefined; // already reported where the document is declared

    // Block scalars end with a newline that is YAML's, not the quote's.
    const text = quote.value.trim();
    const at = doc.text.indexOf(text);
    if (at < 0) {
      const near = nearMatch(doc.text, text) ? ' (a near match differs only in case, spacing or quote marks)' : '';
      checker.error(quote.range, `quote not found verbatim in ${baseName(doc.path)}: "${truncate(text, QUOTE_IN_MESSAGE)}"${near}`);
      return undefined;
    }
    let lines = this.documentLines.get(doc.id);
    if (!lines) {
      lines = new LineIndex(doc.text);
      this.documentLines.set(doc.id, lines);
    }
    return { text, documentId: doc.id, documentPath: doc.path, range: lines.rangeOf(at, at + text.length) };
  }

  private readExamples(checker: Checker, entry: Entry): { pass: string[]; fail: string[] } | undefined {
    const entries = checker.mapping(entry.node, entry.range, 'examples', EXAMPLES_SHAPE);
    if (!entries) return undefined;
    const out = { pass: [] as string[], fail: [] as string[] };
    for (const kind of ['pass', 'fail'] as const) {
      const list = entries.get(kind);
      if (!list) continue;
      const items = checker.stringList(list);
      if (!items) return undefined;
      for (const item of items) {
        if (item.value.trim() === '') checker.warning(item.range, `examples.${kind}: an empty example is ignored`);
        else out[kind].push(item.value);
      }
    }
    return out;
  }

  /** Two parties sharing a spelling make a mention ambiguous; worth a warning, not a failure. */
  private warnSharedPartyNames(): void {
    const owner = new Map<string, string>();
    for (const party of this.parties.values()) {
      for (const name of party.names) {
        const first = owner.get(name);
        if (first === undefined) owner.set(name, party.id);
        else if (first !== party.id) {
          const def = this.firstDefinitions.get(`party\u0000${party.id}`);
          if (def) {
            this.diagnostics.push({ file: def.file, range: def.range, severity: 'warning', message: `party '${party.id}' shares the name '${name}' with party '${first}'` });
          }
        }
      }
    }
  }
}

function stripWww(host: string): string {
  return host.startsWith('www.') ? host.slice(4) : host;
}

/** Whether `quote` occurs in `text` once case, whitespace, quote marks and dashes are normalized. */
function nearMatch(text: string, quote: string): boolean {
  const norm = (s: string): string =>
    s
      .toLowerCase()
      .replace(/[\u2018\u2019\u201B\u2032]/g, "'")
      .replace(/[\u201C\u201D\u201F\u2033]/g, '"')
      .replace(/[\u2010-\u2015]/g, '-')
      .replace(/\s+/g, ' ')
      .trim();
  return norm(text).includes(norm(quote));
}

/** The names used for files inside messages: the base name, or the full path when two files share it. */
function displayNamesFor(paths: string[]): Map<string, string> {
  const counts = new Map<string, number>();
  for (const p of paths) counts.set(baseName(p), (counts.get(baseName(p)) ?? 0) + 1);
  return new Map(paths.map((p) => [p, (counts.get(baseName(p)) ?? 0) > 1 ? p : baseName(p)]));
}
