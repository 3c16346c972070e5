/** The CLI's text output: one `path:line:col  severity  message  code` line per finding, then a summary. */
import type { FileReport } from './report';

/** The text report of a run. */
export function formatText(reports: FileReport[]): string {
  let text = '';
  let errors = 0;
  let warnings = 0;
  let others = 0;
  for (const report of reports) {
    for (const f of report.findings) {
      text += `${report.path}:${f.range.start.line + 1}:${f.range.start.character + 1}  ${f.severity}  ${f.message}  ${f.code}\n`;
      if (f.severity === 'error') errors++;
      else if (f.severity === 'warning') warnings++;
      else others++;
    }
  }
  const total = errors + warnings + others;
  const checked = reports.filter((r) => r.error === undefined).length;
  text += total === 0
    ? `${checked} file${checked === 1 ? '' : 's'} checked, no problems\n`
    : `${total} problem${total === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${others} hint${others === 1 ? '' : 's'}) in ${checked} file${checked === 1 ? '' : 's'}\n`;
  return text;
}
