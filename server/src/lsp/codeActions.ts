/**
 * Code actions: a quick fix per finding, "Fix all" (`source.fixAll.sourcecheck`, for
 * `editor.codeActionsOnSave`), and "Disable Source Check for this line".
 */
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { FIXABLE_CODES, fixAllEdits } from '../engine/fixes/applyFixes';
import type { Finding, Fix } from '../engine/types';
import { DIAGNOSTIC_SOURCE, type DiagnosticData } from './diagnostics';

/** The kind of the fix-all source action. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.sourcecheck`;

/** The code action kinds the server offers. */
export const CODE_ACTION_KINDS = [CodeActionKind.QuickFix, FIX_ALL_KIND];

/** The title of the fix-all actions. */
export const FIX_ALL_TITLE = 'Fix all Source Check problems in this file';

/** The code actions for a request, given the current version's findings (when checked). */
export function codeActionsFor(params: CodeActionParams, document: TextDocument, findings: Finding[] | undefined): CodeAction[] {
  const only = params.context.only;
  const actions: CodeAction[] = [];
  const uri = document.uri;
  if (wants(only, CodeActionKind.QuickFix)) {
    const disabled = new Set<string>();
    for (const diagnostic of params.context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE || typeof diagnostic.code !== 'string' || diagnostic.code === 'not-checked') continue;
      for (const fix of fixesOf(diagnostic, findings)) {
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: fix.isPreferred ?? diagnostic.code === 'mismatch',
          edit: { changes: { [uri]: fix.edits } },
        });
      }
      const key = `${diagnostic.range.start.line}:${diagnostic.code}`;
      if (!disabled.has(key)) {
        disabled.add(key);
        actions.push({
          title: `Disable Source Check (${diagnostic.code}) for this line`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          edit: { changes: { [uri]: [disableLineEdit(document, diagnostic.range.start.line, diagnostic.code)] } },
        });
      }
    }
  }
  if (findings) {
    const edits = fixAllEdits(findings, document.getText());
    const fixable = findings.filter((f) => FIXABLE_CODES.includes(f.code) && f.fixes.length > 0).length;
    if (edits.length > 0 && wants(only, FIX_ALL_KIND)) {
      actions.push({ title: FIX_ALL_TITLE, kind: FIX_ALL_KIND, edit: { changes: { [uri]: edits } } });
    }
    // Also in the light bulb's list when there is more than one thing to fix.
    if (fixable > 1 && edits.length > 0 && wants(only, CodeActionKind.QuickFix)) {
      actions.push({ title: FIX_ALL_TITLE, kind: CodeActionKind.QuickFix, edit: { changes: { [uri]: edits } } });
    }
  }
  return actions;
}

/** Whether an action of `kind` is wanted by a request's `only` filter (hierarchical, as in LSP). */
export function wants(only: string[] | undefined, kind: string): boolean {
  if (!only || only.length === 0) return true;
  return only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

/** The fixes of a diagnostic: from its `data`, or from the cached finding at its range when the client dropped `data`. */
function fixesOf(diagnostic: Diagnostic, findings: Finding[] | undefined): Fix[] {
  const data = diagnostic.data as Partial<DiagnosticData> | undefined;
  if (data && Array.isArray(data.fixes)) return data.fixes.filter(isFix);
  const finding = findings?.find((f) => f.code === diagnostic.code && sameRange(f.range, diagnostic.range));
  return finding?.fixes ?? [];
}

function isFix(value: unknown): value is Fix {
  const fix = value as Fix;
  return !!fix && typeof fix.title === 'string' && Array.isArray(fix.edits);
}

function sameRange(a: Diagnostic['range'], b: Diagnostic['range']): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

const LIST_OR_QUOTE = /^(\s*)((?:>\s?)*)(\s*)(?:([-*+]|\d{1,9}[.)])(?:\s+|$))?/;
const NEXT_LINE_DIRECTIVE = /^(\s*(?:>\s?)*\s*)<!--\s*sourcecheck-disable-next-line((?:\s+[a-z-]+)*)\s*-->\s*$/;

/**
 * The edit that silences `code` on `line`. A comment on its own line above is the tidy form, but it
 * must not change the document's structure: it is used only when the line starts a block (so no
 * paragraph is split and no list is broken), with the line's indentation and blockquote markers.
 * Elsewhere (inside a paragraph, on a list item or a table row) the comment goes at the end of the line.
 * An existing `disable-next-line` comment right above gets the code added instead.
 */
export function disableLineEdit(document: TextDocument, line: number, code: string): TextEdit {
  const text = lineText(document, line);
  const previous = line > 0 ? lineText(document, line - 1) : undefined;

  const existing = previous !== undefined ? NEXT_LINE_DIRECTIVE.exec(previous) : null;
  const existingCodes = (existing?.[2] ?? '').trim().split(/\s+/).filter(Boolean);
  if (existing && existingCodes.length > 0 && !existingCodes.includes(code)) {
    const closeAt = previous!.lastIndexOf('-->');
    const before = previous!.slice(0, closeAt).replace(/\s+$/, '');
    return {
      range: { start: { line: line - 1, character: before.length }, end: { line: line - 1, character: previous!.length } },
      newText: ` ${code} -->`,
    };
  }

  const m = LIST_OR_QUOTE.exec(text);
  const indent = m?.[1] ?? '';
  const quotes = `${m?.[2] ?? ''}${m?.[3] ?? ''}`;
  const isListItem = !!m?.[4];
  const isTableRow = /^\s*(?:>\s?)*\s*\|/.test(text);
  const startsBlock = previous === undefined || isBlank(stripQuotes(previous)) || /^\s*(?:>\s?)*\s*(?:#{1,6}\s|<!--.*-->\s*$)/.test(previous);
  if (startsBlock && !isListItem && !isTableRow) {
    const eol = document.getText().includes('\r\n') ? '\r\n' : '\n';
    return {
      range: { start: { line, character: 0 }, end: { line, character: 0 } },
      newText: `${indent}${quotes}<!-- sourcecheck-disable-next-line ${code} -->${eol}`,
    };
  }
  // Keep a hard line break (two trailing spaces or a backslash) after the comment, and a table's closing pipe.
  const content = text.replace(/\s+$/, '');
  let at = content.length;
  if (isTableRow && content.endsWith('|')) at = content.slice(0, -1).replace(/\s+$/, '').length;
  if (!isTableRow && content.endsWith('\\')) at = content.length - 1;
  return {
    range: { start: { line, character: at }, end: { line, character: at } },
    newText: ` <!-- sourcecheck-disable-line ${code} -->${isTableRow && at < content.length ? ' ' : ''}`,
  };
}

function lineText(document: TextDocument, line: number): string {
  const text = document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
  return text.replace(/\r?\n$|\r$/, '');
}

function stripQuotes(text: string): string {
  return text.replace(/^\s*(?:>\s?)*/, '');
}

function isBlank(text: string): boolean {
  return text.trim() === '';
}
