/**
 * Inline suppression comments, honoured by every front end:
 * `<!-- sourcecheck-disable-next-line [code...] -->`, `<!-- sourcecheck-disable-line [code...] -->`,
 * `<!-- sourcecheck-disable [code...] -->` ... `<!-- sourcecheck-enable [code...] -->`,
 * `<!-- sourcecheck-disable-file [code...] -->`. Without codes a directive applies to every code.
 */
import type { HtmlComment } from './markdown/blocks';
import type { LineIndex } from './text/lineIndex';
import type { Finding, FindingCode } from './types';

const DIRECTIVE = /^\s*sourcecheck-(disable-next-line|disable-line|disable-file|disable|enable)(?:\s+([\s\S]*?))?\s*$/;

/** Every code, for directives that name none. */
const ALL = '*';

interface Directive {
  kind: 'disable-next-line' | 'disable-line' | 'disable-file' | 'disable' | 'enable';
  codes: string[];
  line: number;
  endLine: number;
  offset: number;
}

function parseDirectives(comments: HtmlComment[], lines: LineIndex, text: string): Directive[] {
  const directives: Directive[] = [];
  for (const comment of comments) {
    const m = DIRECTIVE.exec(comment.value);
    if (!m) continue;
    const codes = (m[2] ?? '').split(/[\s,]+/).filter(Boolean);
    directives.push({
      kind: m[1] as Directive['kind'],
      codes: codes.length > 0 ? codes : [ALL],
      line: lines.positionAt(comment.start).line,
      endLine: nextContentLine(lines, text, lines.positionAt(comment.end).line),
      offset: comment.start,
    });
  }
  return directives.sort((a, b) => a.offset - b.offset);
}

/** The first non-blank line after `line` (a blank line may stand between a comment and its target). */
function nextContentLine(lines: LineIndex, text: string, line: number): number {
  for (let next = line + 1; next < lines.lineCount; next++) {
    const start = lines.offsetAt({ line: next, character: 0 });
    const end = lines.offsetAt({ line: next, character: Number.MAX_SAFE_INTEGER });
    if (text.slice(start, end).trim() !== '') return next;
  }
  return line + 1;
}

function covers(codes: string[], code: FindingCode): boolean {
  return codes.includes(ALL) || codes.includes(code);
}

/** The findings that no suppression comment silences. */
export function applySuppressions(findings: Finding[], comments: HtmlComment[], lines: LineIndex, text: string): Finding[] {
  if (comments.length === 0) return findings;
  const directives = parseDirectives(comments, lines, text);
  if (directives.length === 0) return findings;
  return findings.filter((finding) => !isSuppressed(finding, directives, lines));
}

function isSuppressed(finding: Finding, directives: Directive[], lines: LineIndex): boolean {
  const line = finding.range.start.line;
  const offset = lines.offsetAt(finding.range.start);
  const disabled = new Set<string>();
  for (const directive of directives) {
    switch (directive.kind) {
      case 'disable-file':
        if (covers(directive.codes, finding.code)) return true;
        break;
      case 'disable-next-line':
        if (directive.endLine === line && covers(directive.codes, finding.code)) return true;
        break;
      case 'disable-line':
        if (directive.line === line && covers(directive.codes, finding.code)) return true;
        break;
      case 'disable':
        if (directive.offset < offset) for (const code of directive.codes) disabled.add(code);
        break;
      case 'enable':
        if (directive.offset < offset) {
          if (directive.codes.includes(ALL)) disabled.clear();
          else for (const code of directive.codes) disabled.delete(code);
        }
        break;
    }
  }
  return disabled.has(ALL) || disabled.has(finding.code);
}
