/**
 * "Add fact from selection": a sentence of a source document turned into a fact-file entry, with the
 * quote, the value the sentence states, the parties it names and its cue words suggested, and the
 * source it cites. The writer reviews the entry in the fact file; the loader validates it.
 */
import { findParentheticals, hostMatches } from '../citations';
import { lexiconOf } from '../match/lexicon';
import { tokenize } from '../text/tokens';
import { extractMentions, parseValueText } from '../values';
import type { FactBase, Mention, Source } from '../types';
import type { FactFileAdditions } from './factFile';

/** What a new fact is made from. */
export interface NewFactInput {
  /** The whole text of the document the sentence is from. */
  documentText: string;
  /** The selected span of {@link documentText}. */
  selection: { start: number; end: number };
  /** The fact base the new fact joins. */
  base: FactBase;
  /**
   * The id under which the document is already declared in the fact base, or, when it is not, how a
   * new declaration names it: an id and the path relative to the fact file being written.
   */
  document: { id: string; declare?: string };
}

/** The parties a sentence is about and what it measures: the part of a fact a frame reader suggests. */
export interface SuggestedFrame {
  /** Party ids the fact requires (the first party the sentence names). */
  parties: string[];
  /** Other party ids the sentence names. */
  alsoAbout: string[];
  /** What the value measures (a deal, a facility...), when known; also a cue. */
  measured?: string;
}

/** A new fact, ready to be appended to a fact file. */
export interface NewFact {
  id: string;
  /** The entries to append: the fact, and the source and document declarations it needs. */
  additions: FactFileAdditions;
  /** The value as the sentence states it, when it states one. */
  valueText?: string;
  frame: SuggestedFrame;
}

const STOPWORDS = new Set(
  (
    'a an and are as at be been but by for from had has have in into is it its of on or that the their them they this to was were ' +
    'will with would said says say also about after before over under than more less most least new which who whose while when where ' +
    'there these those then such into onto per via its our your his her we you i he she not no yes can could may might should'
  ).split(' '),
);

/**
 * Suggests the parties and the measured thing of a sentence. One function, so a reader of claim frames
 * can replace the guess without touching the rest.
 */
export function suggestFrame(sentence: string, base: FactBase): SuggestedFrame {
  const lexicon = lexiconOf(base);
  const found = lexicon.findParties(tokenize(sentence)).map((p) => p.partyId);
  const ids = [...new Set(found)];
  return { parties: ids.slice(0, 1), alsoAbout: ids.slice(1) };
}

/**
 * The fact a selected sentence makes. Throws with a message the writer can act on when no fact can
 * be made (an empty selection, no known party named, no source cited).
 */
export function draftFact(input: NewFactInput): NewFact {
  const { documentText, base } = input;
  const raw = documentText.slice(input.selection.start, input.selection.end);
  const knownHosts = new Set([...base.sources.values()].flatMap((s) => s.domains));
  // The quote is the selected sentence without its citations, exactly as the document has it.
  const citations = findParentheticals(raw, knownHosts);
  let quote = raw;
  for (const citation of [...citations].reverse()) quote = quote.slice(0, citation.span.start) + quote.slice(citation.span.end);
  quote = quote.trim().replace(/\s+$/, '');
  if (!documentText.includes(quote) || /[\r\n]/.test(quote)) quote = firstLine(raw.trim());
  if (quote.length < 8) throw new Error('select the sentence to turn into a fact (at least a few words)');

  const frame = suggestFrame(quote, base);
  if (frame.parties.length === 0) {
    const names = [...base.parties.values()].slice(0, 3).map((p) => p.name).join(', ');
    throw new Error(`the selection names no party the fact base knows${names ? ` (such as ${names})` : ''}; add the party to the fact file first`);
  }

  const host = citations[0]?.hosts[0] ?? citedAfter(documentText, input.selection.end, knownHosts);
  if (!host) throw new Error('no source is cited in or after the selection; cite it, e.g. "(example.com)", and try again');
  const known = [...base.sources.values()].find((s) => s.domains.some((d) => hostMatches(host, d)));
  const sourceId = known?.id ?? host;

  const mention = firstValue(quote);
  const valueText = mention ? valueTextOf(mention) : undefined;
  const cues = cueWords(quote, base, frame, mention);
  if (frame.measured && !cues.includes(frame.measured)) cues.unshift(frame.measured);
  if (cues.length === 0) throw new Error('the selection has no words besides party names and the value to recognise the fact by');
  const id = uniqueId(base, [frame.parties[0] as string, ...cues.slice(0, 2)].join('-'));

  const fact: Record<string, unknown> = {
    id,
    statement: sentenceOf(quote),
    parties: frame.parties,
    alsoAbout: frame.alsoAbout.length > 0 ? frame.alsoAbout : undefined,
    cues: cues.slice(0, 4),
    minCues: valueText === undefined ? Math.min(2, cues.slice(0, 4).length) : undefined,
    value: valueText,
    sources: [sourceId],
    document: input.document.id,
    quote,
  };
  const additions: FactFileAdditions = { facts: [fact] };
  if (!known) additions.sources = [newSource(host)];
  if (input.document.declare !== undefined) additions.documents = { [input.document.id]: input.document.declare };
  const result: NewFact = { id, additions, frame };
  if (valueText !== undefined) result.valueText = valueText;
  return result;
}

function firstLine(text: string): string {
  return (text.split(/\r?\n/)[0] ?? '').trim();
}

/** A parenthetical citation after the selection, up to the end of its paragraph. */
function citedAfter(text: string, from: number, knownHosts: ReadonlySet<string>): string | undefined {
  const blank = /\r?\n[ \t]*\r?\n/.exec(text.slice(from));
  const rest = text.slice(from, blank ? from + blank.index : text.length);
  const found = findParentheticals(rest, knownHosts)[0];
  // Only a citation that closes the selected sentence (nothing but spaces before it) cites it.
  if (!found || rest.slice(0, found.span.start).trim().replace(/^[.!?…"'”’)\]]+/, '') !== '') return undefined;
  return found.hosts[0];
}

function firstValue(text: string): Mention | undefined {
  return extractMentions(text).find((m) => !('error' in parseValueText(valueTextOf(m))));
}

function valueTextOf(mention: Mention): string {
  return mention.qualifierText ? `${mention.qualifierText} ${mention.text}` : mention.text;
}

/** Content words that signal the fact: not party names, not the value, not function words. */
function cueWords(text: string, base: FactBase, frame: SuggestedFrame, mention: Mention | undefined): string[] {
  const partyWords = new Set<string>();
  for (const id of [...frame.parties, ...frame.alsoAbout]) {
    for (const name of base.parties.get(id)?.names ?? []) for (const t of tokenize(name)) partyWords.add(t.text.toLowerCase());
  }
  const cues: string[] = [];
  for (const token of tokenize(text)) {
    if (mention && token.start < mention.span.end && token.end > (mention.qualifierSpan ?? mention.span).start) continue;
    const word = token.text.toLowerCase();
    if (word.length < 4 || STOPWORDS.has(word) || partyWords.has(word) || /\d/.test(word) || cues.includes(word)) continue;
    cues.push(word);
  }
  return cues;
}

function sentenceOf(quote: string): string {
  const text = quote.charAt(0).toUpperCase() + quote.slice(1);
  return /[.!?…]["'”’)]*$/.test(text) ? text : `${text}.`;
}

function uniqueId(base: FactBase, wanted: string): string {
  const stemId = wanted.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'fact';
  let id = stemId;
  for (let n = 2; base.factsById.has(id); n++) id = `${stemId}-${n}`;
  return id;
}

function newSource(host: string): Pick<Source, 'id' | 'name' | 'url'> {
  return { id: host, name: host, url: `https://${host}/` };
}
