/** The CLI's JSON output: `{ files: [{ path, error?, findings }] }`, the contract scripts rely on. */
import { reportedFinding, type FileReport } from './report';

/** The JSON report of a run, indented. */
export function formatJson(reports: FileReport[]): string {
  return `${JSON.stringify({ files: reports.map(toJsonFile) }, null, 2)}\n`;
}

function toJsonFile(report: FileReport): object {
  return {
    path: report.path,
    ...(report.error !== undefined ? { error: report.error } : {}),
    findings: report.findings.map(reportedFinding),
  };
}
