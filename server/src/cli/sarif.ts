/** SARIF 2.1.0 output for code-scanning tools. */
import type { FileReport } from './report';
import type { FindingCode, Severity } from '../engine/types';

const RULES: Record<FindingCode, string> = {
  mismatch: 'A value in the draft disagrees with the source fact it speaks to.',
  'missing-citation': 'A statement that a source backs has no citation.',
  'wrong-citation': 'A statement is cited only to sources that do not back it.',
  unsupported: 'A figure about a known party that no source fact speaks to.',
};

const HELP_BASE = 'https://github.com/source-check/source-check#';

function level(severity: Severity): 'error' | 'warning' | 'note' {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

/** The SARIF report of a run, indented. */
export function formatSarif(reports: FileReport[], version: string): string {
  return `${JSON.stringify(toSarif(reports, version), null, 2)}\n`;
}

/** The SARIF log of a run. Regions are 1-based; columns count UTF-16 code units, as declared. */
export function toSarif(reports: FileReport[], version: string): object {
  const codes = Object.keys(RULES) as FindingCode[];
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'sourcecheck',
            version,
            informationUri: 'https://github.com/source-check/source-check',
            rules: codes.map((code) => ({
              id: code,
              shortDescription: { text: RULES[code] },
              helpUri: `${HELP_BASE}${code}`,
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: reports.flatMap((report) =>
          report.findings.map((f) => ({
            ruleId: f.code,
            ruleIndex: codes.indexOf(f.code),
            level: level(f.severity),
            message: { text: f.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: report.path.split('\\').join('/') },
                  region: {
                    startLine: f.range.start.line + 1,
                    startColumn: f.range.start.character + 1,
                    endLine: f.range.end.line + 1,
                    endColumn: f.range.end.character + 1,
                  },
                },
              },
            ],
            fixes: f.fixes.map((fix) => ({
              description: { text: fix.title },
              artifactChanges: [
                {
                  artifactLocation: { uri: report.path.split('\\').join('/') },
                  replacements: fix.edits.map((edit) => ({
                    deletedRegion: {
                      startLine: edit.range.start.line + 1,
                      startColumn: edit.range.start.character + 1,
                      endLine: edit.range.end.line + 1,
                      endColumn: edit.range.end.character + 1,
                    },
                    insertedContent: { text: edit.newText },
                  })),
                },
              ],
            })),
            ...(f.factId !== undefined ? { properties: { factId: f.factId, expected: f.expected, found: f.found } } : {}),
          })),
        ),
      },
    ],
  };
}
