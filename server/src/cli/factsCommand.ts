/**
 * `sourcecheck facts`: lists the facts read from source notes, with their quotes, values, parties,
 * cue words, sources and locations, and the statements that yielded none, so a writer can see why a
 * draft sentence was (or was not) matched.
 */
import * as path from 'node:path';
import { formatDiagnostic } from '../engine/factbase/load';
import type { Fact, FactBase, Range } from '../engine/types';
import type { SkippedStatement } from '../engine/sources';
import { findConfig, loadWorkspace, type Workspace } from '../node/workspace';
import type { Output } from './report';
import { parseFactBaseCommand, UsageError, type FactBaseCommandOptions } from './args';


/** One extracted fact as `facts --format json` prints it. */
export interface FactListing {
  id: string;
  /** `money`, `date`, `duration`, `ordinal`, or `claim` for a statement without a value. */
  kind: string;
  /** The value as the note states it. */
  value?: string;
  /** `path:line:col` of the value (or of the statement, for a claim). */
  location: string;
  range: Range;
  quote: { text: string; range: Range };
  /** `required`: the parties near the value, any one of which a draft must name; the others add to the score. */
  parties: Array<{ id: string; name: string; required: boolean }>;
  cues: string[];
  sources: string[];
  /** The curated fact that speaks to the same thing, when one replaced this fact. */
  replacedBy?: string;
}

/**
 * Runs `sourcecheck facts` with the arguments after `facts`; resolves to the exit code (0 listed,
 * 2 fact-base or source error), or `usage` after printing what was wrong with the arguments.
 */
export function runFactsCommand(argv: string[], output: Output): number | 'usage' {
  let options: FactBaseCommandOptions;
  try {
    options = parseFactBaseCommand('facts', argv, false);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    output.err(`${error.message}\n`);
    return 'usage';
  }
  const format = options.format;
  // Without --no-default-facts, .sourcecheck.yaml decides whether the bundled facts apply.
  const workspace = loadWorkspace(findConfig(process.cwd()), {
    extraFacts: options.facts,
    sources: options.sources,
    ...(options.defaultFacts === false ? { defaultFacts: false } : {}),
  });
  for (const diagnostic of workspace.diagnostics) output.err(`${formatDiagnostic({ ...diagnostic, file: displayPath(diagnostic.file) })}\n`);
  if (!workspace.base) {
    output.err('sourcecheck facts: the fact base or the source notes have errors (above).\n');
    return 2;
  }
  if (workspace.sourceFiles.length === 0) {
    output.err('sourcecheck facts: no source notes; give --sources GLOB or list them under sources: in .sourcecheck.yaml\n');
    return 'usage';
  }
  const notes = listNotes(workspace, workspace.base);
  if (format === 'json') output.out(`${JSON.stringify({ notes }, null, 2)}\n`);
  else output.out(formatText(notes));
  return 0;
}

interface NoteListing {
  path: string;
  facts: FactListing[];
  skipped: Array<{ location: string; range: Range; text: string; reason: string }>;
}

function listNotes(workspace: Workspace, base: FactBase): NoteListing[] {
  const extraction = workspace.extraction;
  const replaced = new Map(workspace.droppedSourceFacts.map((d) => [d.fact, d.curatedId]));
  return workspace.sourceFiles.map((file) => {
    const shown = displayPath(file);
    const facts = (extraction?.facts ?? []).filter((f) => f.origin.file === file).map((f) => listFact(f, shown, base, replaced.get(f)));
    const skipped = (extraction?.skipped ?? []).filter((s) => s.path === file).map((s) => listSkipped(s, shown));
    return { path: shown, facts, skipped };
  });
}

function listFact(fact: Fact, shown: string, base: FactBase, replacedBy: string | undefined): FactListing {
  const name = (id: string): string => base.parties.get(id)?.name ?? id;
  const listing: FactListing = {
    id: fact.id,
    kind: fact.value?.kind ?? 'claim',
    location: `${shown}:${fact.origin.range.start.line + 1}:${fact.origin.range.start.character + 1}`,
    range: fact.origin.range,
    quote: { text: fact.quote.text, range: fact.quote.range },
    parties: [
      ...fact.parties.map((id) => ({ id, name: name(id), required: true })),
      ...fact.alsoAbout.map((id) => ({ id, name: name(id), required: false })),
    ],
    cues: fact.cues,
    sources: fact.sources,
  };
  if (fact.valueText !== undefined) listing.value = fact.valueText;
  if (replacedBy !== undefined) listing.replacedBy = replacedBy;
  return listing;
}

function listSkipped(skipped: SkippedStatement, shown: string): NoteListing['skipped'][number] {
  return {
    location: `${shown}:${skipped.range.start.line + 1}:${skipped.range.start.character + 1}`,
    range: skipped.range,
    text: skipped.text,
    reason: skipped.reason,
  };
}

function formatText(notes: NoteListing[]): string {
  let text = '';
  let facts = 0;
  let claims = 0;
  let skippedCount = 0;
  let replaced = 0;
  for (const note of notes) {
    for (const fact of note.facts) {
      const what = fact.value !== undefined ? `${fact.kind}  ${fact.value}` : 'claim';
      text += `${fact.location}  ${what}  [${fact.id}]${fact.replacedBy !== undefined ? `  replaced by curated fact ${fact.replacedBy}` : ''}\n`;
      text += `    quote    "${fact.quote.text.replace(/\s+/g, ' ')}" (${note.path}:${fact.quote.range.start.line + 1}:${fact.quote.range.start.character + 1})\n`;
      const required = fact.parties.filter((p) => p.required).map((p) => p.name);
      const optional = fact.parties.filter((p) => !p.required).map((p) => p.name);
      // A draft needs any one of the parties near the value; the others only add to the score.
      const needed = required.length > 1 ? `one of ${required.join(', ')}` : required[0] ?? '(none of its own)';
      text += `    parties  ${needed}${optional.length > 0 ? `; also ${optional.join(', ')}` : ''}\n`;
      text += `    cues     ${fact.cues.join(', ')}\n`;
      text += `    sources  ${fact.sources.join(', ')}\n`;
      if (fact.replacedBy !== undefined) replaced++;
      else if (fact.value !== undefined) facts++;
      else claims++;
    }
    for (const skipped of note.skipped) {
      text += `${skipped.location}  skipped  ${skipped.reason}: "${truncate(skipped.text, 100)}"\n`;
      skippedCount++;
    }
  }
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  text += `${plural(facts, 'fact')} with values and ${plural(claims, 'claim')} from ${plural(notes.length, 'source note')}`;
  text += `${replaced > 0 ? `; ${replaced} replaced by curated facts` : ''}; ${plural(skippedCount, 'statement')} skipped\n`;
  return text;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}
