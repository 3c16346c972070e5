/**
 * Go to source (`textDocument/definition`): from a checked figure, date or claim to the passage its
 * fact quotes (in the seed article or the source note), and from a citation such as
 * `(investors.coreweave.com)` to that source's entry in the fact base.
 */
import type { Location, Position } from 'vscode-languageserver/node';
import { findEntry, hostMatches, outlineFactFile, type CheckResult } from '../engine';
import type { FactBase, Source } from '../engine/types';
import { documentUri } from './diagnostics';
import { contains, rangeSize } from './positions';
import { pathToUri } from './uris';

/** What go-to-source reads besides the check result. */
export interface DefinitionInput {
  result: CheckResult;
  base: FactBase;
  position: Position;
  /** The text of the position's line in the draft. */
  lineText: string;
  /** The fact files of the draft's fact base, absolute. */
  factFiles: string[];
  /** Reads a fact file (the editor's unsaved text first); undefined when it cannot be read. */
  readFactFile(file: string): string | undefined;
}

/** The definition locations at a position of a draft; empty where there is nothing checked or cited. */
export function definitionAt(input: DefinitionInput): Location[] {
  const { result, base, position } = input;
  const citation = result.citations.find((c) => contains(c.range, position));
  if (citation) {
    const host = hostAt(input.lineText, position.character, citation.range.start.character, citation.range.end.character);
    const source = host ? sourceOfHost(base, host) : undefined;
    return source ? sourceEntryLocations(input, source) : [];
  }
  // The innermost statements: on a figure, the figure's fact, not the claims of its whole sentence.
  const hits = result.statements.filter((s) => contains(s.range, position));
  const smallest = Math.min(...hits.map((s) => rangeSize(s.range)));
  const statements = hits.filter((s) => rangeSize(s.range) === smallest);
  const locations: Location[] = [];
  const seen = new Set<string>();
  for (const statement of statements) {
    const quote = base.factsById.get(statement.factId)?.quote;
    if (!quote) continue;
    const location = { uri: documentUri(quote.documentPath), range: quote.range };
    const key = JSON.stringify(location);
    if (seen.has(key)) continue;
    seen.add(key);
    locations.push(location);
  }
  return locations;
}

/** The source a cited host names, if the base knows it. */
export function sourceOfHost(base: FactBase, host: string): Source | undefined {
  for (const source of base.sources.values()) if (source.domains.some((d) => hostMatches(host, d))) return source;
  return undefined;
}

/** Where a source is declared: its entry in a fact file, or (for a source only source notes cite) the notes' facts. */
export function sourceEntryLocations(input: Pick<DefinitionInput, 'base' | 'factFiles' | 'readFactFile'>, source: Source): Location[] {
  for (const file of input.factFiles) {
    const text = input.readFactFile(file);
    if (text === undefined) continue;
    const entry = findEntry(outlineFactFile(text), 'sources', source.id);
    if (entry) return [{ uri: pathToUri(file), range: entry.range }];
  }
  const fact = input.base.facts.find((f) => f.sources.includes(source.id));
  return fact ? [{ uri: documentUri(fact.origin.file), range: fact.origin.range }] : [];
}

/** The domain under the cursor in a citation's text (`(a.com, b.org)` names two). */
function hostAt(line: string, character: number, start: number, end: number): string | undefined {
  const text = line.slice(start, end);
  let offset = start;
  for (const part of text.split(/([,;\s]+)/)) {
    const partEnd = offset + part.length;
    if (/^[a-z0-9.-]+$/i.test(part) && character >= offset && character <= partEnd) return part.toLowerCase().replace(/^www\./, '');
    offset = partEnd;
  }
  return undefined;
}
