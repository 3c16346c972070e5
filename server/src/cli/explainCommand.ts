/**
 * `sourcecheck explain FILE:LINE`: for each value on that line of a draft, its claim frame and every
 * fact considered for it, with why it was taken or ruled out.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { explainLine, type SentenceExplanation } from '../engine';
import { formatDiagnostic } from '../engine/factbase/load';
import { findConfig, loadWorkspace } from '../node/workspace';
import type { Output } from './report';
import { parseFactBaseCommand, UsageError, type FactBaseCommandOptions } from './args';


/**
 * Runs `sourcecheck explain` with the arguments after `explain`; resolves to the exit code (0
 * explained, 2 unreadable draft or fact-base error), or `usage` after saying what was wrong.
 */
export function runExplainCommand(argv: string[], output: Output): number | 'usage' {
  let options: FactBaseCommandOptions;
  try {
    options = parseFactBaseCommand('explain', argv, true);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    output.err(`${error.message}\n`);
    return 'usage';
  }
  const { format, positionals } = options;
  const target = positionals.length === 1 ? /^(.+):(\d+)$/.exec(positionals[0] as string) : null;
  if (!target || Number(target[2]) < 1) {
    output.err('sourcecheck explain: give one FILE:LINE, e.g. drafts/story.md:12 (lines count from 1)\n');
    return 'usage';
  }
  const file = target[1] as string;
  const line = Number(target[2]);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    output.err(`sourcecheck explain: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
    return 2;
  }
  const workspace = loadWorkspace(findConfig(path.dirname(path.resolve(file))), {
    extraFacts: options.facts,
    sources: options.sources,
    ...(options.defaultFacts === false ? { defaultFacts: false } : {}),
  });
  for (const diagnostic of workspace.diagnostics) output.err(`${formatDiagnostic(diagnostic)}\n`);
  if (!workspace.base) {
    output.err('sourcecheck explain: the fact base or the source notes have errors (above).\n');
    return 2;
  }
  let sentences: SentenceExplanation[];
  try {
    sentences = explainLine(text, workspace.base, line - 1);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    output.err(`sourcecheck explain: ${file}:${line}: ${error.message}\n`);
    return 2;
  }
  if (format === 'json') output.out(`${JSON.stringify({ path: file, line, sentences }, null, 2)}\n`);
  else output.out(formatText(file, line, sentences));
  return 0;
}

function formatText(file: string, line: number, sentences: SentenceExplanation[]): string {
  if (sentences.length === 0) return `${file}:${line}: no prose sentence on this line.\n`;
  const lines: string[] = [];
  for (const sentence of sentences) {
    lines.push(`${file}:${sentence.range.start.line + 1}:${sentence.range.start.character + 1}  "${truncate(sentence.text, 100)}"`);
    lines.push(`  parties named: ${sentence.parties.length > 0 ? sentence.parties.join(', ') : 'none'}`);
    if (sentence.values.length === 0) lines.push('  no value in this sentence');
    for (const value of sentence.values) {
      lines.push(`  ${value.text}  (${value.range.start.line + 1}:${value.range.start.character + 1})`);
      lines.push(`    frame    ${value.frame}`);
      lines.push(`    verdict  ${value.verdict}`);
      if (value.candidates.length === 0) lines.push('    no fact of this kind about the sentence\'s parties was considered');
      for (const c of value.candidates) lines.push(`    - ${c.factId}${c.factValue ? ` (${c.factValue})` : ''}: ${c.outcome}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
