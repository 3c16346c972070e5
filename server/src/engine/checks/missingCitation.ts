/** `missing-citation`: a sentence speaks to a fact and no citation covers it. */
import type { DocumentAnalysis } from '../analyze';
import { insertCitationFix, type ResolvedCitationStyle } from '../fixes/citationFix';
import type { Finding } from '../types';
import { citationProblems, neededSources, shortQuote } from './common';

/** One finding per uncited sentence that matches facts, with a fix inserting the primary source. */
export function checkMissingCitations(analysis: DocumentAnalysis, style: ResolvedCitationStyle): Finding[] {
  const findings: Finding[] = [];
  for (const sentence of analysis.sentences) {
    const matches = citationProblems(analysis, sentence).missing;
    if (matches.length === 0) continue;
    const sources = neededSources(matches, analysis.base);
    const first = matches[0];
    if (!first || sources.length === 0) continue;
    const names = sources.map((s) => s.id).join(' and ');
    findings.push({
      code: 'missing-citation',
      severity: 'warning',
      message: `No citation for a statement the source backs; cite ${names} ("${shortQuote(first.fact)}").`,
      range: analysis.lines.rangeOf(sentence.source.start, sentence.source.end),
      factId: first.fact.id,
      expected: names,
      sources: sources.map((s) => s.id),
      quote: first.fact.quote,
      fixes: [insertCitationFix(analysis, sentence, sources, style)],
    });
  }
  return findings;
}
