/** `wrong-citation`: a sentence is covered only by citations that do not back the fact it states. */
import type { DocumentAnalysis } from '../analyze';
import { replaceCitationFix, type ResolvedCitationStyle } from '../fixes/citationFix';
import type { Finding } from '../types';
import { citationProblems, neededSources, shortQuote } from './common';

/** One finding per cited sentence whose citations back none of the sources of a fact it matches. */
export function checkWrongCitations(analysis: DocumentAnalysis, style: ResolvedCitationStyle): Finding[] {
  const findings: Finding[] = [];
  for (const sentence of analysis.sentences) {
    const covering = sentence.cited.coveredBy;
    const unbacked = citationProblems(analysis, sentence).wrong;
    const first = unbacked[0];
    if (!first) continue;
    const sources = neededSources(unbacked, analysis.base);
    const cited = [...new Set(covering.flatMap((c) => c.hosts))].join(', ');
    const names = sources.map((s) => s.id).join(' and ');
    findings.push({
      code: 'wrong-citation',
      severity: 'warning',
      message: `Cited ${cited}, which does not back this statement; the source is ${names} ("${shortQuote(first.fact)}").`,
      range: analysis.lines.rangeOf(sentence.source.start, sentence.source.end),
      factId: first.fact.id,
      found: cited,
      expected: names,
      sources: sources.map((s) => s.id),
      quote: first.fact.quote,
      fixes: [replaceCitationFix(analysis, sentence, covering, sources, style)],
    });
  }
  return findings;
}
