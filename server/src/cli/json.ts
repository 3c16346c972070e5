/** The CLI's JSON output: `{ files: [{ path, error?, findings }] }`, the contract scripts rely on. */
import type { FileReport } from './report';

/** The JSON report of a run, indented. */
export function formatJson(reports: FileReport[]): string {
  return `${JSON.stringify({ files: reports.map(toJsonFile) }, null, 2)}\n`;
}

function toJsonFile(report: FileReport): object {
  return {
    path: report.path,
    ...(report.error !== undefined ? { error: report.error } : {}),
    findings: report.findings.map((f) => ({
      code: f.code,
      severity: f.severity,
      message: f.message,
      range: f.range,
      ...(f.factId !== undefined ? { factId: f.factId } : {}),
      ...(f.found !== undefined ? { found: f.found } : {}),
      ...(f.expected !== undefined ? { expected: f.expected } : {}),
      sources: f.sources,
      fixes: f.fixes.map((fix) => ({ title: fix.title, edits: fix.edits })),
    })),
  };
}
