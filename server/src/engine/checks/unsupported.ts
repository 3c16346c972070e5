/** `unsupported`: a figure about a party the fact base knows, which no fact speaks to. */
import { mentionSource, type DocumentAnalysis } from '../analyze';
import type { Finding } from '../types';

/** Hints for values in sentences naming a known party that match no fact. */
export function checkUnsupported(analysis: DocumentAnalysis): Finding[] {
  const findings: Finding[] = [];
  for (const sentence of analysis.sentences) {
    for (const mention of sentence.unsupported) {
      const span = mentionSource(sentence, mention.span);
      findings.push({
        code: 'unsupported',
        severity: 'hint',
        message: `No source fact speaks to ${mention.text}; check it by hand or add a fact.`,
        range: analysis.lines.rangeOf(span.start, span.end),
        found: mention.text,
        sources: [],
        fixes: [],
      });
    }
  }
  return findings;
}
