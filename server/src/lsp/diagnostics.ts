/**
 * Findings as LSP diagnostics, and fact-file problems as diagnostics in the fact files.
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import type { FileDiagnostic, Finding, Fix, Severity } from '../engine/types';
import { pathToUri } from './uris';

/** The `source` of every Source Check diagnostic. */
export const DIAGNOSTIC_SOURCE = 'sourcecheck';

/** The README, whose sections (one per finding code) the diagnostics link to. */
export const README_URL = 'https://github.com/source-check/source-check';

/** What a diagnostic carries for code actions (`Diagnostic.data`). */
export interface DiagnosticData {
  code: string;
  factId?: string;
  fixes: Fix[];
}

/** The LSP severity of a finding severity. */
export function toLspSeverity(severity: Severity | 'error' | 'warning'): DiagnosticSeverity {
  switch (severity) {
    case 'error':
      return DiagnosticSeverity.Error;
    case 'warning':
      return DiagnosticSeverity.Warning;
    case 'information':
      return DiagnosticSeverity.Information;
    default:
      return DiagnosticSeverity.Hint;
  }
}

/** The diagnostic of one finding. */
export function findingToDiagnostic(finding: Finding, draftUri?: string): Diagnostic {
  const data: DiagnosticData = { code: finding.code, fixes: finding.fixes };
  if (finding.factId !== undefined) data.factId = finding.factId;
  const diagnostic: Diagnostic = {
    range: finding.range,
    severity: toLspSeverity(finding.severity),
    code: finding.code,
    codeDescription: { href: `${README_URL}#${finding.code}` },
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
    data,
  };
  if (finding.quote) {
    diagnostic.relatedInformation = [
      {
        location: { uri: documentUri(finding.quote.documentPath), range: finding.quote.range },
        message: `Source quote: “${truncate(finding.quote.text, 160)}”`,
      },
    ];
  }
  if (finding.related && draftUri !== undefined) {
    diagnostic.relatedInformation = [
      ...(diagnostic.relatedInformation ?? []),
      ...finding.related.map((r) => ({ location: { uri: draftUri, range: r.range }, message: r.message })),
    ];
  }
  return diagnostic;
}

/** The single diagnostic of a document that is not checked, and why. */
export function notCheckedDiagnostic(reason: string): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    code: 'not-checked',
    source: DIAGNOSTIC_SOURCE,
    message: reason,
  };
}

/** A fact-file or configuration problem as a diagnostic in that file. */
export function fileDiagnosticToLsp(d: FileDiagnostic): Diagnostic {
  return { range: d.range, severity: toLspSeverity(d.severity), source: DIAGNOSTIC_SOURCE, message: d.message };
}

/** The URI of a source document as the fact loader names it (an absolute path, or already a URI). */
export function documentUri(documentPath: string): string {
  return /^[a-z][a-z0-9+.-]+:\/\//i.test(documentPath) ? documentPath : pathToUri(documentPath);
}

function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
