/** `mismatch`: a value in the draft disagrees with the fact the sentence speaks to. */
import { fixForMention } from '../values';
import { mentionSource, type DocumentAnalysis } from '../analyze';
import type { Finding } from '../types';
import { factValueOf, primarySources } from './common';

/** Findings for every value that disagrees with its fact, each with a fix in the writer's format. */
export function checkMismatches(analysis: DocumentAnalysis): Finding[] {
  const findings: Finding[] = [];
  for (const sentence of analysis.sentences) {
    for (const match of sentence.matches) {
      if (match.verdict !== 'mismatch' || !match.mention || !match.fact.value) continue;
      const { fact, mention } = match;
      const parsed = factValueOf(fact);
      if ('error' in parsed) continue;
      const fix = fixForMention(fact.value as NonNullable<typeof fact.value>, parsed.format, mention);
      const span = mentionSource(sentence, mention.span);
      const fixSpan = mentionSource(sentence, fix.span);
      const range = analysis.lines.rangeOf(span.start, span.end);
      const sources = primarySources(fact);
      const related = match.repeatOf
        ? [{ range: analysis.lines.rangeOf(match.repeatOf.start, match.repeatOf.end), message: `The same figure, first stated here, disagrees with the source.` }]
        : undefined;
      findings.push({
        ...(related ? { related } : {}),
        code: 'mismatch',
        severity: 'error',
        message: `Source says ${fact.valueText} (${sources.join(', ')}); draft says ${mention.text}.`,
        range,
        factId: fact.id,
        found: mention.text,
        expected: fix.newText,
        sources: fact.sources,
        quote: fact.quote,
        fixes: [
          {
            title: `Replace with ${fix.newText}`,
            edits: [{ range: analysis.lines.rangeOf(fixSpan.start, fixSpan.end), newText: fix.newText }],
            isPreferred: true,
          },
        ],
      });
    }
  }
  return findings;
}
