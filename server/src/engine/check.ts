/** Runs every check over a document and shapes the result for the front ends. */
import { analyzeDocument, mentionSource, type DocumentAnalysis } from './analyze';
import type { CheckOptions, CheckResult, CheckedStatement, CitationLink } from './api';
import { checkMismatches } from './checks/mismatch';
import { checkMissingCitations } from './checks/missingCitation';
import { checkWrongCitations } from './checks/wrongCitation';
import { checkUnsupported } from './checks/unsupported';
import { resolveCitationStyle } from './fixes/citationFix';
import { applySuppressions } from './suppress';
import { citationProblems, expectedTextOf } from './checks/common';
import { withDraftContext } from './claims/context';
import { describeFrame, hasReading } from './claims/explain';
import type { FactBase, Finding } from './types';

/** Checks a Markdown draft against a fact base. */
export function checkDocument(text: string, base: FactBase, options: CheckOptions = {}): CheckResult {
  const analysis = analyzeDocument(text, base);
  return resultOf(analysis, options);
}

/** Shapes the findings, hover statements and citation links of an analysed document. */
export function resultOf(matched: DocumentAnalysis, options: CheckOptions = {}): CheckResult {
  const analysis: DocumentAnalysis = { ...matched, sentences: withDraftContext(matched.sentences, matched.lexicon) };
  const style = resolveCitationStyle(analysis, options.citationStyle);
  let findings: Finding[] = [
    ...checkMismatches(analysis),
    ...checkMissingCitations(analysis, style),
    ...checkWrongCitations(analysis, style),
    ...checkUnsupported(analysis),
  ];
  findings = applySuppressions(findings, analysis.model.comments, analysis.lines, analysis.text);
  findings = applySeverities(findings, options);
  findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return {
    findings,
    statements: statementsOf(analysis),
    citations: citationLinks(analysis),
    citationStyle: style,
    prose: analysis.model.blocks.map((block) => analysis.lines.rangeOf(block.start, block.end)),
    footnotes: [...analysis.model.footnotes].map(([label, footnote]) => ({ label, urls: footnote.urls })),
  };
}

function applySeverities(findings: Finding[], options: CheckOptions): Finding[] {
  const overrides = options.severities;
  if (!overrides) return findings;
  const kept: Finding[] = [];
  for (const finding of findings) {
    const severity = overrides[finding.code];
    if (severity === 'off') continue;
    kept.push(severity ? { ...finding, severity } : finding);
  }
  return kept;
}

function statementsOf(analysis: DocumentAnalysis): CheckedStatement[] {
  const statements: CheckedStatement[] = [];
  for (const sentence of analysis.sentences) {
    const covering = sentence.cited.coveredBy;
    const citedSources = [...new Set(covering.flatMap((c) => c.hosts))];
    const problems = citationProblems(analysis, sentence);
    for (const match of sentence.matches) {
      const span = match.mention ? mentionSource(sentence, match.mention.span) : sentence.source;
      let verdict: CheckedStatement['verdict'] = match.verdict === 'mismatch' ? 'mismatch' : 'agrees';
      if (verdict === 'agrees') {
        if (problems.missing.includes(match)) verdict = 'missing-citation';
        else if (problems.wrong.includes(match)) verdict = 'wrong-citation';
      }
      const statement: CheckedStatement = {
        range: analysis.lines.rangeOf(span.start, span.end),
        sentence: analysis.lines.rangeOf(sentence.source.start, sentence.source.end),
        factId: match.fact.id,
        verdict,
        citedSources,
      };
      if (match.mention) {
        statement.found = match.mention.text;
        const frame = sentence.frames[sentence.mentions.indexOf(match.mention)];
        if (frame && hasReading(frame)) statement.frame = describeFrame(frame);
      }
      if (match.repeatOf) statement.repeatOf = analysis.lines.rangeOf(match.repeatOf.start, match.repeatOf.end);
      const expected = expectedTextOf(match.fact);
      if (expected !== undefined) statement.expected = expected;
      statements.push(statement);
    }
  }
  return statements;
}

function citationLinks(analysis: DocumentAnalysis): CitationLink[] {
  const links: CitationLink[] = [];
  for (const citation of analysis.citations) {
    if (citation.kind !== 'parenthetical' || !citation.target) continue;
    links.push({ range: analysis.lines.rangeOf(citation.source.start + 1, citation.source.end - 1), target: citation.target });
  }
  return links;
}
