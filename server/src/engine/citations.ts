/**
 * Citations in a draft: `(domain.tld)` parentheticals, inline and reference links, autolinks and
 * footnotes whose definitions hold a URL or domain; and which sentences each one covers.
 */
import type { DocumentDefinitions, ProseBlock } from './markdown/blocks';
import type { Fact, FactBase, Span } from './types';

/** A citation in a block, with the hosts it names. */
export interface Citation {
  kind: 'parenthetical' | 'link' | 'footnote';
  /** Span in the block's plain text (zero-width for footnote references). */
  plain: Span;
  /** Span in the document source. */
  source: Span;
  /** Lowercase hosts without `www.`. */
  hosts: string[];
  /** An http(s) URL for document links, when one is known. */
  target?: string;
}

/** A sentence with the citations inside it and those standing after its final punctuation. */
export interface CitedSentence {
  /** Span in the block's plain text, without leading citations carried over from the previous sentence. */
  plain: Span;
  inside: Citation[];
  trailing: Citation[];
  /** Hosts of every citation that covers the sentence. */
  coveredBy: Citation[];
}

const COMMON_TLDS = new Set(
  (
    'com org net gov edu mil int io co ai app dev news info biz us uk ca au nz ie de fr es it nl be ch at se no dk fi pl ' +
    'pt cz ru ua in jp cn kr tw hk sg my id ph th vn br mx ar cl za ng ke eg il ae sa tr gr eu tv me fm ly cc ' +
    'online site tech media press blog today world global live'
  ).split(' '),
);

const DOMAIN = '(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,24}';
const PARENTHETICAL = new RegExp(
  `\\(\\s*(?:(?:source|sources|via|see|from)\\s*:?\\s+)?(${DOMAIN}(?:\\s*[,;]\\s*${DOMAIN})*)\\s*\\)`,
  'g',
);

/** Lowercase host of a URL or bare domain, without `www.`; undefined when it is not http(s). */
export function hostOf(urlOrDomain: string): string | undefined {
  const trimmed = urlOrDomain.trim();
  let host: string;
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed)) {
    if (!/^https?:\/\//i.test(trimmed)) return undefined;
    try {
      host = new URL(trimmed).hostname;
    } catch {
      return undefined;
    }
  } else {
    host = trimmed.split(/[/?#]/)[0] ?? '';
  }
  host = host.toLowerCase().replace(/^www\./, '').replace(/\.$/, '');
  return host.includes('.') ? host : undefined;
}

/** Whether a cited host names the same site as a source domain (equal, or one a subdomain of the other). */
export function hostMatches(cited: string, domain: string): boolean {
  return cited === domain || cited.endsWith(`.${domain}`) || domain.endsWith(`.${cited}`);
}

/** Whether any of `citations` cites one of the sources that back `fact`. */
export function isBackedBy(fact: Fact, citations: Citation[], base: FactBase): boolean {
  for (const sourceId of fact.sources) {
    const domains = base.sources.get(sourceId)?.domains ?? [sourceId];
    for (const citation of citations) {
      if (citation.hosts.some((host) => domains.some((domain) => hostMatches(host, domain)))) return true;
    }
  }
  return false;
}

/** Whether a cited host is one of the fact base's sources (or a subdomain or parent of one). */
export function isKnownHost(host: string, knownHosts: ReadonlySet<string>): boolean {
  if (knownHosts.has(host)) return true;
  for (const domain of knownHosts) if (hostMatches(host, domain)) return true;
  return false;
}

/** Parenthetical citations in plain text. `knownHosts` admits domains whose TLD is not a common one. */
export function findParentheticals(text: string, knownHosts: ReadonlySet<string>): Array<{ span: Span; hosts: string[] }> {
  const found: Array<{ span: Span; hosts: string[] }> = [];
  if (!text.includes('(')) return found;
  PARENTHETICAL.lastIndex = 0;
  for (let m = PARENTHETICAL.exec(text); m; m = PARENTHETICAL.exec(text)) {
    const hosts = (m[1] ?? '')
      .split(/\s*[,;]\s*/)
      .map((d) => d.replace(/^www\./, ''))
      .filter((d) => knownHosts.has(d) || COMMON_TLDS.has(d.slice(d.lastIndexOf('.') + 1)));
    if (hosts.length > 0) found.push({ span: { start: m.index, end: m.index + m[0].length }, hosts });
  }
  return found;
}

/** All citations of a block, in plain-text order. */
export function blockCitations(block: ProseBlock, model: DocumentDefinitions, knownHosts: ReadonlySet<string>): Citation[] {
  const citations: Citation[] = [];
  for (const p of findParentheticals(block.text, knownHosts)) {
    citations.push({
      kind: 'parenthetical',
      plain: p.span,
      source: { start: block.map.at(p.span.start) as number, end: (block.map.at(p.span.end - 1) as number) + 1 },
      hosts: p.hosts,
      target: `https://${p.hosts[0]}`,
    });
  }
  for (const link of block.links) {
    let urls: string[] = [];
    if (link.kind === 'footnote') urls = model.footnotes.get(link.identifier ?? '')?.urls ?? [];
    else if (link.url !== undefined) urls = [link.url];
    else urls = [model.definitions.get(link.identifier ?? '') ?? ''];
    const hosts = urls.map(hostOf).filter((h): h is string => h !== undefined);
    if (hosts.length === 0) continue;
    const target = urls.find((u) => /^https?:\/\//i.test(u));
    citations.push({
      kind: link.kind,
      plain: { start: link.plainStart, end: link.plainEnd },
      source: { start: link.start, end: link.end },
      hosts,
      ...(target !== undefined ? { target } : {}),
    });
  }
  citations.sort((a, b) => a.plain.start - b.plain.start);
  return citations;
}

const FINAL_PUNCTUATION = /[.!?…][)"'”’\]]*$/;

/**
 * Assigns citations to sentences. A citation within a sentence covers it; one after a sentence's
 * final punctuation covers that sentence and the uncited sentences before it in the block, back to
 * the previous citation. Leading citations that the segmenter attached to the next sentence are
 * moved back to the sentence they follow.
 */
export function citeSentences(text: string, spans: Span[], citations: Citation[]): CitedSentence[] {
  const sentences: CitedSentence[] = [];
  const assigned = new Set<Citation>();
  let next = 0;
  for (const span of splitAtTrailingCitations(text, spans, citations)) {
    let start = skipSpace(text, span.start, span.end);
    const previous = sentences[sentences.length - 1];
    while (next < citations.length && (citations[next] as Citation).plain.start < start) next++;
    // The segmenter hands a citation after a sentence's final punctuation to the next sentence.
    while (previous && next < citations.length) {
      const citation = citations[next] as Citation;
      // A link in parentheses after the full stop ("… of the cost. ([EPA](https://epa.gov/…))") trails the same way.
      const wrapped = citation.kind !== 'parenthetical' && /^\(\s*$/.test(text.slice(start, citation.plain.start)) && /^\s*\)/.test(text.slice(citation.plain.end, span.end));
      if (!(citation.kind === 'parenthetical' && citation.plain.start === start) && !wrapped) break;
      previous.trailing.push(citation);
      assigned.add(citation);
      const end = wrapped ? text.indexOf(')', citation.plain.end) + 1 : citation.plain.end;
      start = skipSpace(text, end, span.end);
      next++;
    }
    if (start >= span.end) continue;
    sentences.push({ plain: { start, end: span.end }, inside: [], trailing: [], coveredBy: [] });
  }
  let ownerIndex = 0;
  for (const citation of citations) {
    if (assigned.has(citation) || sentences.length === 0) continue;
    // Citations are sorted: the owner (the last sentence starting at or before it) only moves forward.
    while (ownerIndex + 1 < sentences.length && (sentences[ownerIndex + 1] as CitedSentence).plain.start <= citation.plain.start) ownerIndex++;
    const owner = sentences[ownerIndex] as CitedSentence;
    const punctuation = finalPunctuationIndex(text, owner.plain.start, owner.plain.end);
    if (punctuation >= 0 && citation.plain.start > punctuation) owner.trailing.push(citation);
    else owner.inside.push(citation);
  }
  for (let i = 0; i < sentences.length; i++) {
    const sentence = sentences[i] as CitedSentence;
    sentence.coveredBy.push(...sentence.inside, ...sentence.trailing);
    if (sentence.trailing.length === 0) continue;
    for (let k = i - 1; k >= 0; k--) {
      const before = sentences[k] as CitedSentence;
      if (before.inside.length > 0 || before.trailing.length > 0) break;
      before.coveredBy.push(...sentence.trailing);
    }
  }
  return sentences;
}

/**
 * The segmenter does not break before a lowercase parenthetical ("cited. (a.com) Next"), taking it
 * for a continuation; a citation after terminal punctuation does end the sentence before it.
 */
function splitAtTrailingCitations(text: string, spans: Span[], citations: Citation[]): Span[] {
  const result: Span[] = [];
  let c = 0;
  for (const span of spans) {
    let start = span.start;
    while (c < citations.length && (citations[c] as Citation).plain.start < span.start) c++;
    for (let k = c; k < citations.length; k++) {
      const citation = citations[k] as Citation;
      if (citation.plain.start >= span.end) break;
      if (citation.kind !== 'parenthetical' || citation.plain.start <= start) continue;
      const before = text.slice(start, citation.plain.start).trimEnd();
      if (before !== '' && /[.!?…]["'”’)\]]*$/.test(before)) {
        result.push({ start, end: start + before.length });
        start = citation.plain.start;
      }
    }
    result.push({ start, end: span.end });
  }
  return result;
}

function skipSpace(text: string, start: number, end: number): number {
  let i = start;
  while (i < end && /\s/.test(text[i] as string)) i++;
  return i;
}

/** Index of the sentence's final punctuation mark, or -1 when it has none. */
function finalPunctuationIndex(text: string, start: number, end: number): number {
  // Ignore citations and footnote markers after the punctuation: find the last terminal mark
  // followed only by closing quotes/brackets, whitespace or parenthetical citations.
  const slice = text.slice(start, end);
  const stripped = slice.replace(/(?:\s*\([^()]*\))+\s*$/, '');
  const m = FINAL_PUNCTUATION.exec(stripped);
  if (!m) return -1;
  return start + m.index;
}
