/** `wrong-citation`: a sentence is covered only by citations that do not back the fact it states. */
import { isBackedBy, type DocumentAnalysis } from '../analyze';
import { isKnownHost } from '../citations';
import { replaceCitationFix, type ResolvedCitationStyle } from '../fixes/citationFix';
import type { Finding } from '../types';
import { neededSources, shortQuote } from './common';

/** One finding per cited sentence whose citations back none of the sources of a fact it matches. */
export function checkWrongCitations(analysis: DocumentAnalysis, style: ResolvedCitationStyle): Finding[] {
  const findings: Finding[] = [];
  for (const sentence of analysis.sentences) {
    const covering = sentence.cited.coveredBy;
    if (covering.length === 0) continue;
    // A source the fact base does not know may well back the statement: we cannot call it wrong.
    if (!covering.every((c) => c.hosts.some((host) => isKnownHost(host, analysis.lexicon.knownHosts)))) continue;
    const unbacked = sentence.matches.filter((match) => !isBackedBy(match.fact, covering, analysis.base));
    // A citation that backs one of the sentence's statements was put there for that one: not wrong.
    if (unbacked.length < sentence.matches.length) continue;
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
