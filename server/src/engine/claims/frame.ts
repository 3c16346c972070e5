/**
 * Claim frames: what quantity each value of a sentence measures. A frame records the value's role
 * in a range, the thing it quantifies or is attributed to (a deal, debt, a backlog…), which instance
 * of that thing (the new one or an earlier one), whether it is a total or a rate, and whether it is
 * denied. Facts get the same frame from their statement, so a draft figure is compared with a fact
 * only when both measure the same quantity.
 *
 * The reader is lexical: it looks at the words next to the value within its clause. It never
 * guesses a thing it has no word for; an unread slot stays empty and rules nothing out.
 */
import type { Mention, Span, Value } from '../types';
import type { PartyOccurrence } from '../match/lexicon';
import { forEachWord, type Token } from '../text/tokens';
import { THING_CLASS, DISPUTE_VERBS, HEDGES, SUPERLATIVES, VERB_LIKE_THINGS, COPULAS, PAST_PHRASES, EARLIER_ADVERBS, EARLIER_WORDS, SENTENCE_TOTALS, RELATIVE_WORDS, RATE_ADJECTIVES, COMPARISONS, CHANGE_VERBS, NOT_A_NAME, RELATION_WORDS, OTHER_PARTY_WORDS, CURRENT_WORDS, MEASURE_WORDS, RATE_WORDS, TOTAL_PHRASES, START_WORDS, END_WORDS, EVENT_VERBS, NEGATIONS, FUNCTION_WORDS, CLAUSE_OPENERS } from './words';

/** The role a value plays in a range: alone, or the start or end of a span. */
export type RangeRole = 'point' | 'start' | 'end' | 'within';

/**
 * Which instance of a thing a value belongs to: `dated` for one named by its own date ("the September
 * 2025 agreement"), `compared` for one the sentence compares with ("more than the $1.1 billion it paid").
 */
export type Instance = 'current' | 'earlier' | 'dated' | 'compared';

/** What one value claims. */
export interface ClaimFrame {
  /** `start`/`end` of a span ("from 2027 through 2032"), `within` for both ends of "between $X and $Y". */
  role: RangeRole;
  /** The other end of the range this value belongs to. */
  partner?: Mention;
  /** The class of the measured thing ("deal" for contract, agreement, pact…), or the word itself when it has no class. */
  thing?: string;
  /** The measured thing as written. */
  thingText?: string;
  /** Which instance of the thing: `current` (new, expanded, another) or `earlier` (existing, original, previous). */
  instance?: Instance;
  /** The qualifier word that set {@link instance}. */
  instanceText?: string;
  /** A total over several things ("in all", "bringing the total to") or a rate ("a year"). */
  aggregate?: 'total' | 'rate' | 'part';
  /** The word that set {@link aggregate}. */
  aggregateText?: string;
  /** For a rate: what it is per ("year", "share"). */
  per?: string;
  /** The value is a change ("adds $40 million", "up by 3%"), not a level. */
  change?: boolean;
  /** The year the value's clause dates its event in, when another date stands beside it ("in 2024"). */
  when?: number;
  /** The value's clause names an organisation the fact base does not know, and none it knows. */
  stranger?: string;
  /** For a date: the amounts of money its clause states (the amount of the thing it dates). */
  amounts?: Value[];
  /** For a date: the event verb that dates ("signed", "announced", "closed"), normalised. */
  event?: string;
  /** The value is denied ("not $12 billion", "rather than 2031"). */
  negated: boolean;
  /** A figure of speech, not a claim ("among the first to", "one of the first"). */
  loose?: string;
  /** First and last token of the value's clause in its sentence. */
  clause?: [number, number];
  /** The thing is referred to as one already known: "the deal", "that contract", "its agreement". */
  definite?: boolean;
}

interface Words {
  text: string;
  tokens: readonly FrameToken[];
  lower: string[];
  /** Token indexes that belong to a value mention, mapped to the mention's index. */
  inMention: Map<number, number>;
  /** Token indexes that belong to a known party name. */
  inParty: ReadonlySet<number>;
  mentions: Mention[];
  /** The text between token k-1 and token k, at k, once it has been asked for. */
  gaps: Array<string | undefined>;
  /**
   * The punctuation between token k-1 and token k, at k, as GAP_* bits (read once per sentence), and
   * whether a clause starts at k once that has been asked ({@link breaksBefore}).
   */
  gapFlags: number[];
}

// What stands in the gap between two tokens. Each bit answers one of the questions the reader asks
// of a gap; reading a sentence's gaps once is cheaper than testing the text between tokens again and
// again for each value.
/** `[;:—–()]` or a spaced hyphen (`\s-\s`): a clause boundary. */
const GAP_HARD = 1;
/** A comma. */
const GAP_COMMA = 2;
/** `[;.!?]`: the end of a statement. */
const GAP_STOP = 4;
/** `[,;:.]`: the end of a noun phrase. */
const GAP_PHRASE_END = 8;
/** `[;:—–()]`, a comma before a space, or a spaced hyphen. */
const GAP_BOUNDARY = 16;
/** Whether a clause starts after the gap has been worked out… */
const CLAUSE_KNOWN = 32;
/** …and it does. */
const CLAUSE_BREAK = 64;

/** Whether a UTF-16 code is whitespace as `\s` reads it. */
function isRegexSpace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff
  );
}

/** The GAP_* bits of `text` from `start` to `end`. */
function gapFlagsOf(text: string, start: number, end: number): number {
  let flags = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    switch (c) {
      case 59 /* ; */:
        flags |= GAP_HARD | GAP_STOP | GAP_PHRASE_END | GAP_BOUNDARY;
        break;
      case 58 /* : */:
        flags |= GAP_HARD | GAP_PHRASE_END | GAP_BOUNDARY;
        break;
      case 0x2014 /* — */:
      case 0x2013 /* – */:
      case 40 /* ( */:
      case 41 /* ) */:
        flags |= GAP_HARD | GAP_BOUNDARY;
        break;
      case 44 /* , */:
        flags |= GAP_COMMA | GAP_PHRASE_END;
        if (i + 1 < end && isRegexSpace(text.charCodeAt(i + 1))) flags |= GAP_BOUNDARY;
        break;
      case 46 /* . */:
        flags |= GAP_STOP | GAP_PHRASE_END;
        break;
      case 33 /* ! */:
      case 63 /* ? */:
        flags |= GAP_STOP;
        break;
      default:
        if (i + 2 < end && text.charCodeAt(i + 1) === 45 /* - */ && isRegexSpace(c) && isRegexSpace(text.charCodeAt(i + 2))) flags |= GAP_HARD | GAP_BOUNDARY;
    }
  }
  return flags;
}

const LOWER_START = /^\p{Ll}/u;
const UPPER_START = /^\p{Lu}/u;
const NAME_START = /^\p{Lu}\p{Ll}/u;

/** `/^\p{Ll}/u.test(word)`, without the regular expression for ASCII. */
function startsLower(word: string): boolean {
  const c = word.charCodeAt(0);
  return c < 128 ? c >= 97 && c <= 122 : LOWER_START.test(word);
}

/** `/^\p{Lu}/u.test(word)`, without the regular expression for ASCII. */
function startsUpper(word: string): boolean {
  const c = word.charCodeAt(0);
  return c < 128 ? c >= 65 && c <= 90 : UPPER_START.test(word);
}

/** `/^\p{Lu}\p{Ll}/u.test(word)`, without the regular expression for ASCII. */
function startsName(word: string): boolean {
  const c = word.charCodeAt(0);
  const d = word.charCodeAt(1);
  if (c < 128 && d < 128) return c >= 65 && c <= 90 && d >= 97 && d <= 122;
  if (c < 128 && !(c >= 65 && c <= 90)) return false;
  return NAME_START.test(word);
}

/** What the frame reader needs of a word token: its text and where it stands. */
export type FrameToken = Pick<Token, 'text' | 'start' | 'end'>;

/**
 * The word tokens of `text`, cut as `tokenize` (match/lexicon) cuts them, without the stems only the
 * matcher needs: for a sentence whose frames are read but that nothing is matched against.
 */
export function frameTokens(text: string): FrameToken[] {
  const tokens: FrameToken[] = [];
  forEachWord(text, (start, end) => {
    tokens.push({ text: text.slice(start, end), start, end });
  });
  return tokens;
}

/** Whether two frames name the same measured thing, or (for dates) the same kind of event. */
export function sameThing(claim: ClaimFrame, fact: ClaimFrame): boolean {
  return (claim.thing !== undefined && claim.thing === fact.thing) || (claim.event !== undefined && claim.event === fact.event);
}

/** Reads the frame of every mention of a sentence. `tokens` are the sentence's word tokens. */
export function readFrames(text: string, tokens: readonly FrameToken[], mentions: Mention[], parties: PartyOccurrence[] = [], known?: ReadonlySet<string>): ClaimFrame[] {
  if (mentions.length === 0) return [];
  const lower = tokens.map((t) => t.text.toLowerCase());
  // A hyphenated compound ("tie-up", "follow-on") is read at its last word as the whole compound.
  for (let k = 1; k < tokens.length; k++) {
    const previous = tokens[k - 1] as FrameToken;
    if ((tokens[k] as FrameToken).start === previous.end + 1 && text.charCodeAt(previous.end) === 45 /* - */) {
      const compound = `${lower[k - 1]}-${lower[k]}`;
      if (THING_CLASS.has(compound) || CURRENT_WORDS.has(compound)) lower[k] = compound;
    }
  }
  const gapFlags: number[] = new Array<number>(tokens.length);
  gapFlags[0] = 0;
  for (let k = 1; k < tokens.length; k++) gapFlags[k] = gapFlagsOf(text, (tokens[k - 1] as FrameToken).end, (tokens[k] as FrameToken).start);
  const words: Words = {
    text, tokens, lower, inMention: new Map(), inParty: partyTokens(parties), mentions, gaps: [], gapFlags,
  };
  const mentionTokens = mentions.map((m) => tokenRange(tokens, m.span));
  mentionTokens.forEach(([first, last], index) => {
    for (let k = first; k <= last; k++) words.inMention.set(k, index);
  });

  const frames: ClaimFrame[] = mentions.map(() => ({ role: 'point', negated: false }));
  // Several values often share a clause, one after the other; who it names is read once.
  let strangerClause: [number, number] | undefined;
  let stranger: string | undefined;
  pairRanges(words, mentions, mentionTokens, frames);
  for (let index = 0; index < mentions.length; index++) {
    const mention = mentions[index] as Mention;
    const frame = frames[index] as ClaimFrame;
    const [first, last] = mentionTokens[index] as [number, number];
    const clause = clauseAround(words, first, last);
    frame.clause = clause;
    readThing(words, mention, first, last, clause, frame);
    readAggregate(words, first, last, clause, frame);
    if (frame.role === 'point' && mention.value.kind === 'date') readDateRole(words, first, clause, frame);
    if (mention.value.kind === 'date') readEvent(words, first, last, clause, frame);
    frame.negated = isDenied(words, first, clause) || isDisputed(words, first, last);
    const loose = looseUse(words, mention, first, last, clause);
    if (loose) frame.loose = loose;
    readComparison(words, first, frame);
    readChange(words, first, clause, frame);

    if (known) {
      if (strangerClause?.[0] !== clause[0] || strangerClause[1] !== clause[1]) {
        strangerClause = clause;
        stranger = strangerIn(words, clause, known);
      }
      if (stranger) frame.stranger = stranger;
    }
  }
  // An amount's clause may date its event ("rejected a $30-a-share approach … in 2024"); a date that ends
  // or starts a span ("covers launches through December 2029") dates nothing.
  mentions.forEach((m, i) => {
    if (m.value.kind === 'money') readWhen(words, i, (mentionTokens[i] as [number, number])[0], (frames[i] as ClaimFrame).clause as [number, number], mentions, frames);
    if (m.value.kind === 'date') {
      const [start, end] = (frames[i] as ClaimFrame).clause as [number, number];
      // The amount of the thing itself: not a part of it, a total, a rate or a change.
      const amounts = mentions.filter((o, j) => {
        const at = (mentionTokens[j] as [number, number])[0];
        const f = frames[j] as ClaimFrame;
        return o.value.kind === 'money' && at >= start && at <= end && !f.aggregate && !f.change && !f.negated && !f.loose;
      });
      if (amounts.length > 0) (frames[i] as ClaimFrame).amounts = amounts.map((o) => o.value);
    }
  });
  // "Meta first signed with CoreWeave in September 2025: a contract worth $14.2 billion": an adverb that
  // puts the sentence's event in the past makes its unqualified things the earlier ones, unless the
  // sentence also speaks of a new one.
  let adverb: string | undefined;
  for (let k = 0; k < lower.length && adverb === undefined; k++) {
    const word = lower[k] as string;
    if (EARLIER_ADVERBS.has(word) && !words.inMention.has(k) && startsLower((tokens[k] as FrameToken).text)) adverb = word;
  }
  adverb ??= pastPhraseIn(words);
  const ordinalFirst = words.lower.findIndex((w, k) => w === 'first' && words.inMention.has(k) && EVENT_VERBS.has(words.lower[k + 1] ?? ''));
  // So does a thing the sentence itself calls earlier ("The first contract, signed in 2025, was worth $14.2 billion").
  const qualified = frames.find((f) => f.instance === 'earlier')?.instanceText ?? qualifiedThing(words);
  const reason = adverb ?? (ordinalFirst >= 0 ? 'first' : qualified);
  if (reason && !words.lower.some((w) => CURRENT_WORDS.has(w))) {
    for (const [i, frame] of frames.entries()) {
      // An ordinal's "first" is its value, not a qualifier of its own thing.
      if (!frame.instance && (mentions[i] as Mention).value.kind !== 'ordinal') {
        frame.instance = 'earlier';
        frame.instanceText = reason;
      }
    }
  }
  // "Combined, the two contracts bring…", "In all, …": a sentence that opens on a total speaks of totals.
  const opener = TOTAL_OPENER_FIRST_WORDS.has(words.lower[0] as string) && SENTENCE_TOTALS.find((phrase) => ` ${words.lower.slice(0, 3).join(' ')} `.startsWith(` ${phrase} `) && /,/.test(between(words, phrase.split(' ').length - 1, phrase.split(' ').length)));
  if (opener) {
    mentions.forEach((m, i) => {
      const frame = frames[i] as ClaimFrame;
      if (m.value.kind === 'money' && !frame.aggregate) setAggregate(frame, 'total', opener);
    });
  }
  // "among the first to run on it", "one of the first": membership of a group, not a rank. And a rank
  // is claimed of something ("Aurora will be Kestrel's fifth satellite", "the deal, its third"); an
  // ordinal that only names one of a series ("Kestrel's first satellite went up in 2021") claims none.
  mentions.forEach((m, i) => {
    if (m.value.kind !== 'ordinal') return;
    const [first] = mentionTokens[i] as [number, number];
    const before = words.lower.slice(Math.max(0, first - 3), first).join(' ');
    const phrase = / (among the|one of the|some of the)$/.exec(` ${before}`)?.[1];
    if (phrase) (frames[i] as ClaimFrame).loose = `${phrase} ${m.text}`;
    else if (namesOneOfSeries(words, first, (frames[i] as ClaimFrame).clause as [number, number])) (frames[i] as ClaimFrame).loose = `names one of a series ("${m.text}")`;
  });
  // "Five years ago", "two weeks later": a duration that places an event in time claims no span.
  mentions.forEach((m, i) => {
    if (m.value.kind !== 'duration') return;
    const [, last] = mentionTokens[i] as [number, number];
    if (RELATIVE_WORDS.has(words.lower[last + 1] ?? '')) (frames[i] as ClaimFrame).negated = true;
  });
  // A value with no thing of its own shares the thing of the value it follows in its clause
  // ("backlog stood at $55.6 billion at the end of 2025": the date dates the backlog).
  mentions.forEach((_, index) => {
    const frame = frames[index] as ClaimFrame;
    if (frame.thing !== undefined || index === 0) return;
    const [first] = mentionTokens[index] as [number, number];
    const [, prevLast] = mentionTokens[index - 1] as [number, number];
    const previous = frames[index - 1] as ClaimFrame;
    if (previous.thing === undefined || first - prevLast > 8) return;
    if (hasBoundary(words, prevLast, first)) return;
    frame.thing = previous.thing;
    frame.thingText = previous.thingText;
    if (previous.stranger && !frame.stranger) frame.stranger = previous.stranger;
    if (previous.instance && !frame.instance) {
      frame.instance = previous.instance;
      frame.instanceText = previous.instanceText;
    }
  });
  return frames;
}

const NO_TOKENS: ReadonlySet<number> = new Set();

/** The token indexes of the known party names. */
function partyTokens(parties: PartyOccurrence[]): ReadonlySet<number> {
  if (parties.length === 0) return NO_TOKENS;
  const set = new Set<number>();
  for (const p of parties) for (let k = 0; k < p.length; k++) set.add(p.token + k);
  return set;
}

/** Token indexes of the first and last token inside `span`. */
function tokenRange(tokens: readonly FrameToken[], span: Span): [number, number] {
  // The first token ending after the span's start, by binary search: sentences can be long.
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((tokens[mid] as FrameToken).end > span.start) hi = mid;
    else lo = mid + 1;
  }
  const first = lo;
  let last = first;
  while (last + 1 < tokens.length && (tokens[last + 1] as FrameToken).start < span.end) last++;
  return [first, last];
}

/** Text between two tokens (exclusive). */
function between(words: Words, a: number, b: number): string {
  // Gaps between neighbours are asked for again and again while reading clauses: cut each once.
  if (b === a + 1 && a >= 0 && b < words.tokens.length) {
    let gap = words.gaps[b];
    if (gap === undefined) {
      gap = words.text.slice((words.tokens[a] as FrameToken).end, (words.tokens[b] as FrameToken).start);
      words.gaps[b] = gap;
    }
    return gap;
  }
  const start = a < 0 ? 0 : (words.tokens[a] as FrameToken).end;
  const end = b >= words.tokens.length ? words.text.length : (words.tokens[b] as FrameToken).start;
  return words.text.slice(start, end);
}

/** Whether punctuation that closes a clause stands between two tokens. */
function hasBoundary(words: Words, a: number, b: number): boolean {
  for (let k = a; k < b; k++) if (gapAt(words, k + 1) & GAP_BOUNDARY) return true;
  return false;
}

/** The GAP_* bits of the gap before token `k` (that is, between tokens k-1 and k; 0 outside the sentence). */
function gapAt(words: Words, k: number): number {
  return words.gapFlags[k] ?? 0;
}

/** Whether a new clause starts at token `k`: after a boundary, or after a comma before a clause opener. */
function breaksBefore(words: Words, k: number): boolean {
  let gap = words.gapFlags[k] as number;
  if ((gap & CLAUSE_KNOWN) === 0) {
    const opens = (gap & GAP_HARD) !== 0 || ((gap & GAP_COMMA) !== 0 && (CLAUSE_OPENERS.has(words.lower[k] as string) || opensComparison(words, k)));
    gap |= CLAUSE_KNOWN | (opens ? CLAUSE_BREAK : 0);
    words.gapFlags[k] = gap;
  }
  return (gap & CLAUSE_BREAK) !== 0;
}

/**
 * The token range of the clause around a value: bounded by semicolons, colons, dashes and
 * parentheses, and by a comma that opens a new clause ("…, which takes…", "…, while…").
 */
function clauseAround(words: Words, first: number, last: number): [number, number] {
  let start = first;
  while (start > 0 && !breaksBefore(words, start)) start--;
  let end = last;
  while (end + 1 < words.tokens.length && !breaksBefore(words, end + 1)) end++;
  return [start, end];
}

/**
 * Whether an ordinal only names one of a series rather than claiming a rank: it opens its clause's
 * subject ("Kestrel's first satellite went up in 2021") or picks one out ("the first of them").
 */
function namesOneOfSeries(words: Words, first: number, clause: [number, number]): boolean {
  // ", its second-largest ever": an apposition predicates the rank of what it follows.
  if (clause[0] > 0 && /,\s*$/.test(between(words, clause[0] - 1, clause[0]))) return false;
  if (words.lower[first + 1] === 'of' && ['them', 'these', 'those', 'its', 'their', 'the'].includes(words.lower[first + 2] ?? '')) return true;
  for (let k = first - 1; k >= clause[0]; k--) {
    const word = words.lower[k] as string;
    if (word === 'the' || word === 's' || word === 'its' || word === 'their' || words.inParty.has(k) || startsUpper((words.tokens[k] as FrameToken).text)) continue;
    return false;
  }
  // An ordinal at the head of the subject claims a rank only when a copula follows ("The first model is…").
  for (let k = first + 1; k <= Math.min(clause[1], first + 3); k++) if (COPULAS.has(words.lower[k] as string)) return false;
  return true;
}

/** Whether the words from `k` open a comparison: "far more than…", "up from…", "compared with…". */
function opensComparison(words: Words, k: number): boolean {
  const lower = words.lower;
  // A comparison phrase with a word after it, within four words.
  for (const phrase of COMPARISON_WORDS) {
    let j = 0;
    while (j < phrase.length && lower[k + j] === phrase[j]) j++;
    if (j === phrase.length && lower[k + j] !== undefined) return true;
  }
  // "(far) more than": "than" is the second or third word.
  if (lower[k + 1] !== 'than' && lower[k + 2] !== 'than') return false;
  const text = lower.slice(k, k + 4).join(' ');
  return /^(?:(?:far|much|well|nearly|about|roughly|almost|slightly) )?(?:more|less|bigger|larger|higher|lower|smaller|greater) than /.test(`${text} `);
}

/** Pairs "from X to Y", "between X and Y", "X to Y", "X-Y" into ranges. */
function pairRanges(words: Words, mentions: Mention[], ranges: Array<[number, number]>, frames: ClaimFrame[]): void {
  for (let i = 0; i + 1 < mentions.length; i++) {
    const a = mentions[i] as Mention;
    const b = mentions[i + 1] as Mention;
    if (a.value.kind !== b.value.kind) continue;
    const gap = words.text.slice(a.span.end, b.span.start).trim().toLowerCase();
    const [first] = ranges[i] as [number, number];
    const before = words.lower.slice(Math.max(0, first - 2), first);
    const lead = before[before.length - 1];
    let kind: 'span' | 'within' | undefined;
    if (gap === 'and' && lead === 'between') kind = 'within';
    else if (/^(?:to|through|thru|until|till|into|and)$/.test(gap) && (lead === 'from' || lead === 'spanning' || lead === 'between' || before.includes('from')))
      kind = a.value.kind === 'money' ? 'within' : 'span';
    else if (/^(?:-|–|—|to)$/.test(gap)) kind = a.value.kind === 'date' ? 'span' : 'within';
    if (!kind) continue;
    const fa = frames[i] as ClaimFrame;
    const fb = frames[i + 1] as ClaimFrame;
    fa.role = kind === 'span' ? 'start' : 'within';
    fb.role = kind === 'span' ? 'end' : 'within';
    fa.partner = b;
    fb.partner = a;
  }
}

function classOf(word: string): string {
  const lower = word.toLowerCase();
  return THING_CLASS.get(lower) ?? THING_CLASS.get(singular(lower)) ?? singular(lower);
}

function singular(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/**
 * Whether the token at `k` is a thing: a thing word, and for one that is as often a verb ("build",
 * "rebuild") only after a determiner or a value ("a 43-month build", "the build").
 */
function isThingAt(words: Words, k: number): boolean {
  const word = words.lower[k] as string;
  if (!isThingWord(word)) return false;
  if (!VERB_LIKE_THINGS.has(word)) return true;
  const before = words.lower[k - 1] ?? '';
  return ['a', 'an', 'the', 'its', 'their', 'this', 'that'].includes(before) || words.inMention.has(k - 1);
}

function isThingWord(word: string): boolean {
  return THING_WORDS.has(word);
}

/**
 * Every word that is a thing or the plural of one: `THING_CLASS.has(word) || THING_CLASS.has(singular(word))`
 * in one lookup. A word whose singular is a thing is that thing plus "s", or ends in "ies" for one in "y".
 */
const THING_WORDS: ReadonlySet<string> = (() => {
  const set = new Set<string>(THING_CLASS.keys());
  for (const thing of THING_CLASS.keys()) {
    for (const plural of [`${thing}s`, thing.endsWith('y') ? `${thing.slice(0, -1)}ies` : undefined]) {
      if (plural !== undefined && THING_CLASS.has(singular(plural))) set.add(plural);
    }
  }
  return set;
})();

/** Whether a token can be a noun heading a phrase: a lowercase content word, not a value, party or function word. */
function isContentWord(words: Words, k: number): boolean {
  const token = words.tokens[k];
  if (!token || words.inMention.has(k) || words.inParty.has(k)) return false;
  const lower = words.lower[k] as string;
  const c = lower.charCodeAt(0);
  return startsLower(token.text) && !FUNCTION_WORDS.has(lower) && !(c >= 48 && c <= 57);
}

/**
 * The measured thing. Tried in order: the noun after the value ("$3 billion of new debt",
 * "$14.2 billion contract", "$35 billion in contracts"), then the nearest thing noun before it in its
 * clause ("the deal is worth $21 billion", "backlog stood at $55.6 billion").
 */
function readThing(words: Words, mention: Mention, first: number, last: number, clause: [number, number], frame: ClaimFrame): void {
  // An ordinal counts the noun after it ("its first match", "the third club"), and so does a value
  // written as an adjective ("Kestrel's seven-year history").
  const adjectival = mention.value.kind === 'ordinal' || (mention.format.kind === 'duration' && mention.format.hyphenated);
  const counted = adjectival && isContentWord(words, last + 1) && last + 1 <= clause[1] ? last + 1 : undefined;
  // "four years of launches" says what filled the time, not what lasted it.
  const after = counted ?? (mention.value.kind === 'duration' ? undefined : thingAfter(words, last, clause[1]));
  // "the September 2025 agreement ($14.2 billion)": a value in parentheses right after a noun belongs to it.
  const apposed =
    first > 0 && isThingWord(words.lower[first - 1] as string) && /^\s*\(\s*$/.test(words.text.slice((words.tokens[first - 1] as FrameToken).end, mention.span.start)) ? first - 1 : undefined;
  // "a launch slip of six months", "capital spending of $115 billion": the noun the value is "of".
  const ofNoun = words.lower[first - 1] === 'of' && first - 2 >= clause[0] && isContentWord(words, first - 2) ? first - 2 : undefined;
  // ", which now stands near $61 billion", ", which cost €3.1 billion": the relative clause speaks of the noun before it.
  const antecedent = ['which', 'that'].includes(words.lower[clause[0]] ?? '') ? antecedentOf(words, clause[0]) : undefined;
  const found = after ?? apposed ?? ofNoun ?? thingBefore(words, first, clause[0], mention.value.kind) ?? antecedent;
  if (found === undefined) return;
  frame.thing = classOf(words.lower[found] as string);
  frame.thingText = (words.tokens[found] as FrameToken).text;
  frame.definite = isDefinite(words, found);
  readInstance(words, found, frame, first, last);
  // "Meta's total commitment … $41 billion": an aggregate adjective on the thing.
  let adjective: string | undefined;
  for (let k = Math.max(0, found - 3); k < found && adjective === undefined; k++) if (AGGREGATE_ADJECTIVES.has(words.lower[k] as string)) adjective = words.lower[k];
  if (adjective && mention.value.kind === 'money' && !frame.aggregate) setAggregate(frame, 'total', `${adjective} ${words.lower[found]}`);
  // "$35 billion across two contracts", "Meta's commitments … $35 billion": a value of several things is their total.
  if (mention.value.kind === 'money' && !frame.aggregate && isPlural(words.lower[found] as string)) setAggregate(frame, 'total', (words.tokens[found] as FrameToken).text);
  // A value that stands before its noun ("an existing $14.2 billion contract") may carry the qualifier itself.
  if (!frame.instance && found > last) readInstanceBefore(words, first, clause[0], frame);
}

/** The noun a relative clause starting at `start` refers back to ("market value, which…" → market). */
function antecedentOf(words: Words, start: number): number | undefined {
  let k = start - 1;
  while (k >= 0 && MEASURE_WORDS.has(words.lower[k] as string)) k--;
  if (k < 0 || !isContentWord(words, k)) return undefined;
  // A plain word is the antecedent only when its phrase marks the instance ("its last wind farm, which…").
  const qualified = words.lower.slice(Math.max(0, k - 3), k).some((w) => EARLIER_WORDS.has(w) || CURRENT_WORDS.has(w));
  return isThingAt(words, k) || qualified ? k : undefined;
}

function thingAfter(words: Words, last: number, end: number): number | undefined {
  let k = last + 1;
  if (k > end) return undefined;
  const next = words.lower[k] as string;
  // "$21 billion deal", "$8.5bn facility", "a $21 billion, seven-year contract" — the value modifies the noun.
  if (!(gapAt(words, k) & GAP_COMMA)) {
    let j = k;
    for (let n = 0; n < 3 && j <= end; n++, j++) {
      const word = words.lower[j] as string;
      if (isThingAt(words, j)) return j;
      if (!(isContentWord(words, j) || words.inParty.has(j)) || FUNCTION_WORDS.has(word)) break;
    }
  }
  // "$3 billion of new debt", "$35 billion in contracts" — the head is the last word of a short noun run.
  if (next === 'of' || next === 'in' || next === 'worth' || next === 'for') {
    if (words.lower[k + 1] === 'all' || words.lower[k + 1] === 'total') return undefined;
    k++;
    let head: number | undefined;
    for (let n = 0; n < 4 && k <= end; n++, k++) {
      const word = words.lower[k] as string;
      if (word === 'the' || word === 'a' || word === 'an' || words.inParty.has(k) || word === 's' || words.inMention.has(k)) continue;
      if (CURRENT_WORDS.has(word) || EARLIER_WORDS.has(word)) continue;
      if (!isContentWord(words, k)) break;
      head = k;
      if (isThingAt(words, k)) break;
    }
    return head;
  }
  return undefined;
}

function thingBefore(words: Words, first: number, start: number, kind: Mention['value']['kind']): number | undefined {
  // Other values' words do not count towards the reach: "the contract, signed in September 2025, was worth…".
  let reach = 9;
  for (let k = first - 1; k >= start && reach > 0; k--) {
    if (words.inMention.has(k)) continue;
    reach--;
    const word = words.lower[k] as string;
    // In a compound ("term loan", "capacity deal") the last noun is the head.
    if (isThingAt(words, k) && !MEASURE_WORDS.has(word)) return k + 1 < first && isThingAt(words, k + 1) ? k + 1 : k;
    // A money value is attributed to the subject even through a measure word ("the deal's value is").
    if (kind !== 'money' && k < first - 6) break;
  }
  return undefined;
}

/** Whether the noun phrase of the thing opens with a definite determiner ("the expanded deal"). */
function isDefinite(words: Words, thing: number): boolean {
  for (let k = thing - 1; k >= Math.max(0, thing - 4); k--) {
    const word = words.lower[k] as string;
    if (['the', 'that', 'this', 'its', 'their', 'his', 'her'].includes(word)) return true;
    if (['a', 'an', 'another', 'one'].includes(word) || !(isContentWord(words, k) || words.inParty.has(k) || word === 's')) return false;
  }
  return false;
}

function isPlural(word: string): boolean {
  return word !== singular(word) && isThingWord(word);
}

/**
 * Instance qualifiers in the noun phrase before the thing ("Meta's expanded CoreWeave agreement"); a
 * date in that phrase names the instance ("its September 2025 contract"), and so does an ordinal
 * that is another value ("the first contract").
 */
function readInstance(words: Words, thing: number, frame: ClaimFrame, first: number, last: number): void {
  for (let k = thing - 1, n = 0; k >= 0 && n < 5; k--, n++) {
    const word = words.lower[k] as string;
    // Punctuation ends the noun phrase, except inside a value ("$8.5 billion").
    const inOneValue = words.inMention.has(k) && words.inMention.get(k) === words.inMention.get(k + 1);
    if (!inOneValue && gapAt(words, k + 1) & GAP_PHRASE_END) return;
    if (k >= first && k <= last) continue;
    const other = words.inMention.get(k);
    if (other !== undefined) {
      // "the first contract" is the earlier contract; "first power" is a term, not an instance.
      if (EARLIER_WORDS.has(word) && isThingWord(words.lower[thing] as string)) return setInstance(frame, word);
      const mention = words.mentions[other] as Mention;
      if (mention.value.kind === 'date') {
        frame.instance = 'dated';
        frame.instanceText = mention.text;
        return;
      }
      continue;
    }
    if (EARLIER_WORDS.has(word) || CURRENT_WORDS.has(word)) {
      setInstance(frame, word);
      return;
    }
    if (['the', 'a', 'an', 's', 'its', 'their', 'his', 'her'].includes(word) || words.inParty.has(k) || words.inMention.has(k)) continue;
    if (!isContentWord(words, k)) return;
  }
}

function readInstanceBefore(words: Words, first: number, start: number, frame: ClaimFrame): void {
  for (let k = first - 1; k >= Math.max(start, first - 3); k--) {
    const word = words.lower[k] as string;
    if (words.inMention.has(k)) return;
    if (EARLIER_WORDS.has(word) || CURRENT_WORDS.has(word)) {
      setInstance(frame, word);
      return;
    }
  }
}

function setInstance(frame: ClaimFrame, word: string): void {
  frame.instance = EARLIER_WORDS.has(word) ? 'earlier' : 'current';
  frame.instanceText = word;
}

/** Totals ("in all", "bringing the total to") and rates ("a year", "annual"). */
function readAggregate(words: Words, first: number, last: number, clause: [number, number], frame: ClaimFrame): void {
  const lower = words.lower;
  const end = clause[1];
  const at = (k: number): string => (k <= end && k >= clause[0] ? (lower[k] ?? '') : '');
  const next = at(last + 1);
  const second = at(last + 2);
  if ((next === 'a' || next === 'an' || next === 'per' || next === 'each' || next === 'every') && RATE_WORDS.has(singular(second))) {
    setAggregate(frame, 'rate', `${next} ${second}`);
    frame.per = RATE_WORDS.get(singular(second));
    return;
  }
  for (let k = Math.max(clause[0], first - 4); k <= first; k++) {
    const word = k === first ? next : (lower[k] as string);
    if (RATE_ADJECTIVES.has(word)) {
      setAggregate(frame, 'rate', word);
      frame.per = RATE_ADJECTIVES.get(word);
      return;
    }
  }
  // "£1.8 billion … since 2019": an amount counted from a date is a running total.
  for (let k = last + 1; k <= Math.min(end, last + 8); k++) {
    if (lower[k] === 'since' && words.inMention.has(k + 1)) return setAggregate(frame, 'total', 'since');
  }
  // "$35 billion across two contracts": spread over several things, a value is their total.
  if (next === 'across' || next === 'over' || next === 'between' || next === 'among' || next === 'spanning') {
    for (let k = last + 2; k <= Math.min(end, last + 4); k++) {
      if (isPlural(lower[k] as string)) return setAggregate(frame, 'total', `${next} … ${lower[k]}`);
    }
  }
  // "drawn $2 billion of the facility": a part of a thing the sentence names, not its size.
  // ("$85 million of its own equity" is the equity itself.)
  if (next === 'of' && ['the', 'its', 'their', 'that', 'this'].includes(second) && at(last + 3) !== 'own') return setAggregate(frame, 'part', `of ${second}`);
  // Most values have no word of a total phrase near them: look for the phrases only when one is there.
  const from = Math.max(clause[0], first - 6);
  const to = Math.min(end, last + 6);
  let any = false;
  for (let k = from; k <= to && !any; k++) if ((k < first || k > last) && TOTAL_WORDS.has(lower[k] as string)) any = true;
  if (!any) return;
  const afterText = ` ${lower.slice(last + 1, to + 1).join(' ')} `;
  const beforeText = ` ${lower.slice(from, first).join(' ')} `;
  for (const phrase of TOTAL_PHRASES) {
    if (afterText.includes(` ${phrase} `) || beforeText.includes(` ${phrase} `)) return setAggregate(frame, 'total', phrase);
  }
}

/** The longest word of each total phrase: a phrase can only be there when its longest word is. */
const TOTAL_WORDS: ReadonlySet<string> = new Set(TOTAL_PHRASES.map((phrase) => phrase.split(' ').reduce((a, b) => (b.length > a.length ? b : a))));

function setAggregate(frame: ClaimFrame, aggregate: 'total' | 'rate' | 'part', text: string): void {
  frame.aggregate = aggregate;
  frame.aggregateText = text;
}

/**
 * "through 2032", "ends in 2031", "out to 2032" → end; "starts in 2027", "from 2027" → start. Only the
 * word right before the date, or a verb right before its preposition ("expires in"), sets the role:
 * "raised $40 million from Birch Capital on May 3" is a single date.
 */
function readDateRole(words: Words, first: number, clause: [number, number], frame: ClaimFrame): void {
  const roleOf = (k: number): RangeRole | undefined => {
    if (k < clause[0] || words.inMention.has(k)) return undefined;
    const word = words.lower[k] as string;
    if (END_WORDS.has(word) || word === 'to') return 'end';
    if (START_WORDS.has(word)) return 'start';
    return undefined;
  };
  // "until the end of 2032": the article is not the word that governs the date.
  const at = words.lower[first - 1] === 'the' ? first - 1 : first;
  const before = words.lower[at - 1];
  let role = before === 'to' && words.lower[at - 2] !== 'out' && !END_WORDS.has(words.lower[at - 2] ?? '') ? undefined : roleOf(at - 1);
  if (!role && (before === 'in' || before === 'on' || before === 'at' || before === 'around' || before === 'about')) {
    role = roleOf(at - 2) ?? (isContentWord(words, at - 2) && !THING_CLASS.has(words.lower[at - 2] as string) ? roleOf(at - 3) : undefined);
  }
  if (role === 'start' || role === 'end') frame.role = role;
}

/** The event that dates: the nearest event verb before the date in its clause, else right after it ("in 2011 Rovers refinanced"). */
function readEvent(words: Words, first: number, last: number, clause: [number, number], frame: ClaimFrame): void {
  for (let k = first - 1; k >= Math.max(clause[0], first - 8); k--) {
    const event = EVENT_VERBS.get(words.lower[k] as string);
    if (event) {
      frame.event = event;
      return;
    }
  }
  for (let k = last + 1; k <= Math.min(clause[1], last + 3); k++) {
    const event = EVENT_VERBS.get(words.lower[k] as string);
    if (event) {
      frame.event = event;
      return;
    }
  }
}

/** "far more than the $1.1 billion it paid", "up from $9 billion", "compared with $5 billion": another instance. */
function readComparison(words: Words, first: number, frame: ClaimFrame): void {
  // "more than $20 billion" is a bound; "more than the $1.1 billion it paid" a comparison.
  if (words.lower[first - 1] === 'than' && /^(?:more|less|greater|fewer|higher|lower|rather|other)$/.test(words.lower[first - 2] ?? '')) return;
  // Most values follow no word that can end a comparison.
  const lower = words.lower;
  if (!COMPARISON_LAST_WORDS.has(lower[first - 1] as string)) return;
  // The first comparison (in list order) that ends the three words before the value, or ends them but for "the" or "its".
  const from = Math.max(0, first - 3);
  const endsAt = (end: number, phrase: readonly string[]): boolean => {
    if (end - phrase.length < from) return false;
    for (let j = 0; j < phrase.length; j++) if (lower[end - phrase.length + j] !== phrase[j]) return false;
    return true;
  };
  const determiner = lower[first - 1] === 'the' || lower[first - 1] === 'its';
  const index = COMPARISON_WORDS.findIndex((c) => endsAt(first, c) || (determiner && endsAt(first - 1, c)));
  const phrase = index < 0 ? undefined : COMPARISONS[index];
  if (phrase && !frame.instance) {
    frame.instance = 'compared';
    frame.instanceText = phrase;
  }
}

/** "will add roughly $40 million", "raised it by $2 billion": a change, not a level. */
function readChange(words: Words, first: number, clause: [number, number], frame: ClaimFrame): void {
  for (let k = first - 1; k >= Math.max(clause[0], first - 3); k--) {
    const word = words.lower[k] as string;
    if (CHANGE_VERBS.has(word) || (word === 'by' && k === first - 1 && k > 0 && /^(?:up|down|rose|fell|grew|cut|increased|decreased|raised|lowered|reduced|back|forward|slipped|slips|delayed|delays|pushed)$/.test(words.lower[k - 1] as string))) {
      frame.change = true;
      return;
    }
    if (!isContentWord(words, k) && !['roughly', 'about', 'another', 'an', 'a', 'nearly', 'some'].includes(word)) return;
  }
}

/** The year of another date in the value's clause ("rejected a $30-a-share approach … in 2024"). */
function readWhen(words: Words, index: number, at: number, clause: [number, number], mentions: Mention[], frames: ClaimFrame[]): void {
  // The nearest point date of the clause: "$7.5 billion … in May 2024 and $2.6 billion … in July 2025".
  // (The first of equally near ones, in token order.)
  let distance = Infinity;
  let year: number | undefined;
  words.inMention.forEach((other, k) => {
    if (other === index || k < clause[0] || k > clause[1] || (frames[other] as ClaimFrame).role !== 'point') return;
    const value = (mentions[other] as Mention).value;
    if (value.kind !== 'date' || value.year === undefined) return;
    if (Math.abs(k - at) < distance) {
      distance = Math.abs(k - at);
      year = value.year;
    }
  });
  if (year !== undefined) (frames[index] as ClaimFrame).when = year;
}

/** A capitalised name in the clause that is not a known party, when the clause names no known party. */
function strangerIn(words: Words, clause: [number, number], known: ReadonlySet<string> | undefined): string | undefined {
  if (!known) return undefined;
  // "an approach from another drugmaker", "a bid by a rival bidder": someone unnamed, and not the known party beside it.
  for (let k = Math.max(1, clause[0]); k < clause[1]; k++) {
    const relation = RELATION_WORDS.has(words.lower[k - 1] as string) || (['a', 'an'].includes(words.lower[k - 1] as string) && RELATION_WORDS.has(words.lower[k - 2] ?? ''));
    if (relation && OTHER_PARTY_WORDS.has(words.lower[k] as string) && isContentWord(words, k + 1)) {
      return `${words.lower[k]} ${words.lower[k + 1]}`;
    }
  }
  let stranger: string | undefined;
  for (let k = clause[0]; k <= clause[1]; k++) {
    if (words.inParty.has(k)) return undefined;
    const token = words.tokens[k] as FrameToken;
    if (stranger || words.inMention.has(k) || k === 0 || !startsName(token.text)) continue;
    if (NOT_A_NAME.has(token.text) || known.has(words.lower[k] as string)) continue;
    // A capitalised word after a sentence-internal full stop or colon starts a sentence, not a name.
    if (/[.:!?]\s*$/.test(between(words, k - 1, k))) continue;
    // Only a name in a relation to the value counts ("£220 million to Hallam United", "Nebius's deal"):
    // a sentence's subject may be a person ("Zuckerberg is wagering…").
    const related = RELATION_WORDS.has(words.lower[k - 1] as string) || /^['’]s\b/.test(words.text.slice(token.end));
    if (related) stranger = token.text;
  }
  return stranger;
}

/** The first of {@link PAST_PHRASES} (in their order) whose words stand together in the sentence. */
function pastPhraseIn(words: Words): string | undefined {
  const lower = words.lower;
  let found = PAST_PHRASE_WORDS.length;
  for (let k = 0; k < lower.length; k++) {
    if (!PAST_FIRST_WORDS.has(lower[k] as string)) continue;
    for (let i = 0; i < found; i++) {
      const phrase = PAST_PHRASE_WORDS[i] as string[];
      let j = 0;
      while (j < phrase.length && lower[k + j] === phrase[j]) j++;
      if (j === phrase.length) found = i;
    }
  }
  return PAST_PHRASES[found];
}

/** An earlier-qualified thing anywhere in the sentence ("the club's last borrowing"). */
function qualifiedThing(words: Words): string | undefined {
  for (let k = 0; k + 1 < words.lower.length; k++) {
    const word = words.lower[k] as string;
    // "a first contract" qualifies the contract even though "first" is read as an ordinal too.
    if (EARLIER_WORDS.has(word) && (!words.inMention.has(k) || word === 'first') && isThingWord(words.lower[k + 1] as string)) return word;
  }
  return undefined;
}

/** A dispute verb before the value in its sentence, or "a figure X disputed" after it. */
function isDisputed(words: Words, first: number, last: number): boolean {
  for (let k = first - 1; k >= Math.max(0, first - 14); k--) {
    if (gapAt(words, k + 1) & GAP_STOP) break;
    if (DISPUTE_VERBS.has(words.lower[k] as string)) return true;
  }
  for (let k = last + 1; k < Math.min(words.lower.length, last + 7); k++) {
    if (gapAt(words, k) & GAP_STOP) break;
    if (DISPUTE_VERBS.has(words.lower[k] as string)) return true;
  }
  return false;
}

/**
 * Uses of a value that claim nothing: a possibility ("could push first power back to September
 * 2030"), a record ("their best day in a month"), a fraction ("roughly a fifth").
 */
function looseUse(words: Words, mention: Mention, first: number, last: number, clause: [number, number]): string | undefined {
  for (let k = first - 1; k >= Math.max(clause[0], first - 10); k--) {
    if (HEDGES.has(words.lower[k] as string) && startsLower((words.tokens[k] as FrameToken).text)) return `a possibility ("${words.lower[k]}")`;
  }
  if (mention.value.kind === 'duration' && words.lower[first - 1] === 'in') {
    const record = words.lower.slice(Math.max(clause[0], first - 5), first - 1).find((w) => SUPERLATIVES.has(w));
    if (record) return `a record ("${record} … in ${mention.text}")`;
  }
  if (mention.value.kind === 'ordinal' && ['a', 'one', 'two', 'three', 'four'].includes(words.lower[first - 1] ?? '') && !isContentWord(words, last + 1)) {
    return `a fraction ("${words.lower[first - 1]} ${mention.text}")`;
  }
  return undefined;
}

/** "not $12 billion", "rather than 2031", "no $12 billion deal". */
function isDenied(words: Words, first: number, clause: [number, number]): boolean {
  const from = Math.max(clause[0], first - 3);
  const lower = words.lower;
  // "don't", "isn't": the word before is the "t" of a contraction (but "at" before it is no contraction).
  if (first - 1 >= from && lower[first - 1] === 't' && (first - 2 >= from ? lower[first - 2] : undefined) !== 'at') return true;
  // A negation can only be there when the first word of one is.
  let any = false;
  for (let k = from; k < first && !any; k++) if (NEGATION_FIRST_WORDS.has(lower[k] as string)) any = true;
  if (!any) return false;
  const text = ` ${lower.slice(from, first).join(' ')} `;
  return NEGATIONS.some((n) => text.includes(` ${n} `));
}

/** The first words of {@link NEGATIONS}. */
const NEGATION_FIRST_WORDS: ReadonlySet<string> = new Set(NEGATIONS.map((n) => n.split(' ')[0] as string));
/** The words a comparison phrase can end on, before the value or before "the"/"its" ahead of it. */
const COMPARISON_LAST_WORDS: ReadonlySet<string> = new Set([...COMPARISONS.map((c) => c.split(' ').pop() as string), 'the', 'its']);
/** Adjectives that make a thing a total ("Meta's total commitment"). */
const AGGREGATE_ADJECTIVES: ReadonlySet<string> = new Set(['total', 'combined', 'cumulative', 'overall', 'aggregate']);
/** {@link COMPARISONS} as words. */
const COMPARISON_WORDS: readonly string[][] = COMPARISONS.map((c) => c.split(' '));
/** The first words of {@link SENTENCE_TOTALS}. */
const TOTAL_OPENER_FIRST_WORDS: ReadonlySet<string> = new Set(SENTENCE_TOTALS.map((t) => t.split(' ')[0] as string));
/** {@link PAST_PHRASES} as words. */
const PAST_PHRASE_WORDS: readonly string[][] = PAST_PHRASES.map((p) => p.split(' '));
const PAST_FIRST_WORDS: ReadonlySet<string> = new Set(PAST_PHRASE_WORDS.map((p) => p[0] as string));
