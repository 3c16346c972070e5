/** Document links on citations: `(about.fb.com)` opens the source. */
import type { DocumentLink } from 'vscode-languageserver/node';
import type { CitationLink } from '../engine/api';
import { safeHttpUrl } from './markdown';

/** The links of a check result's citations; only http(s) targets become links. */
export function citationLinks(citations: CitationLink[]): DocumentLink[] {
  const links: DocumentLink[] = [];
  for (const citation of citations) {
    const target = safeHttpUrl(citation.target);
    if (target) links.push({ range: citation.range, target, tooltip: `Open ${target}` });
  }
  return links;
}
