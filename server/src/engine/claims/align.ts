/**
 * Whether a draft value and a fact measure the same quantity. Facts get their frame from their own
 * statement, read by the same reader as drafts, with what a curated fact declares (`measures`,
 * `instance`, `role`) taking precedence.
 */
import type { Fact, Mention } from '../types';
import { tokenize } from '../text/tokens';
import { agrees, extractMentions, valueInterval } from '../values';
import { readFrames, type ClaimFrame } from './frame';
import { getOrCreate } from '../util/maps';


/** The outcome of comparing a value's frame with a fact's. */
export interface Alignment {
  aligned: boolean;
  /** Why the fact was ruled out, in a few words ("an earlier deal", "a total"). */
  reason?: string;
}

const factFrames = new WeakMap<Fact, ClaimFrame>();

/** The frame of a fact's value: read from its statement (or quote), then what the fact declares. */
export function factFrameOf(fact: Fact): ClaimFrame {
  let frame = factFrames.get(fact);
  if (frame) return frame;
  frame = readFactFrame(fact);
  if (fact.frame?.measures) frame.thing = fact.frame.measures;
  if (fact.frame?.instance) frame.instance = fact.frame.instance;
  if (fact.frame?.role) frame.role = fact.frame.role;
  factFrames.set(fact, frame);
  return frame;
}

function readFactFrame(fact: Fact): ClaimFrame {
  if (!fact.value) return { role: 'point', negated: false };
  for (const text of [fact.statement, fact.quote.text]) {
    const mentions = extractMentions(text);
    const value = fact.value;
    const index = mentions.findIndex((m) => m.value.kind === value.kind && agrees(m.value, value, fact.tolerance));
    const at = index >= 0 ? index : mentions.findIndex((m) => m.value.kind === value.kind);
    if (at < 0) continue;
    const frame = readFrames(text, tokenize(text), mentions)[at] as ClaimFrame;
    // A fact states its own value; the reader's denial and range pairing do not apply to it.
    return { ...frame, negated: false, role: frame.role === 'within' ? 'point' : frame.role };
  }
  return { role: 'point', negated: false };
}

/** Events reporting treats as one: a deal is announced the day it is signed. Closing or completing it is another. */
/**
 * Dates an amount by its sibling date fact: the same parties and the same measured thing, dated once
 * ("CoreWeave's $8.5 billion facility" and "closed it on March 31, 2026"), so that the same kind of
 * thing dated another year ("$7.5 billion through a term loan in May 2024") is another instance.
 */
export function dateByDateFacts(facts: readonly Fact[]): void {
  const key = (fact: Fact) => `${[...fact.parties].sort().join(',')}|${factFrameOf(fact).thing ?? ''}`;
  const years = new Map<string, Set<number>>();
  for (const fact of facts) {
    if (fact.value?.kind !== 'date' || fact.value.year === undefined || factFrameOf(fact).thing === undefined || factFrameOf(fact).role !== 'point') continue;
    getOrCreate(years, key(fact), () => new Set()).add(fact.value.year);
  }
  const amounts = new Map<string, Fact[]>();
  for (const fact of facts) {
    if (!fact.value || fact.value.kind === 'date') continue;
    const found = years.get(key(fact));
    const frame = factFrameOf(fact);
    if (found?.size === 1 && frame.when === undefined && frame.thing !== undefined) frame.when = [...found][0];
    if (fact.value.kind === 'money' && frame.thing !== undefined) getOrCreate(amounts, key(fact), () => []).push(fact);
  }
  for (const fact of facts) {
    if (fact.value?.kind !== 'date' || factFrameOf(fact).role !== 'point') continue;
    const siblings = amounts.get(key(fact));
    if (siblings?.length === 1) amountOfDate.set(fact, siblings[0] as Fact);
  }
}

/** The amount fact of the same thing as a date fact ("$8.5 billion" for "closed on March 31, 2026"). */
const amountOfDate = new WeakMap<Fact, Fact>();

const COMPATIBLE_EVENTS = new Set(['announce', 'sign']);

/** Whether `claim` (the frame of `mention`) and the fact's frame describe the same quantity. */
export function align(claim: ClaimFrame, mention: Mention, fact: Fact): Alignment {
  const target = factFrameOf(fact);
  const kind = mention.value.kind;
  if (claim.negated) return out('the value is denied');
  if (claim.loose) return out(`a figure of speech ("${claim.loose}")`);
  if (kind !== 'date' && (claim.aggregate ?? '') !== (target.aggregate ?? '')) {
    return out(claim.aggregate ? `a ${claim.aggregate} ("${claim.aggregateText}")` : `the fact is a ${target.aggregate}`);
  }
  if (claim.aggregate === 'rate' && target.aggregate === 'rate' && claim.per !== target.per) return out(`a rate per ${claim.per}, the fact per ${target.per}`);
  // One way only: "adds $40 million" is not the size of anything, but a fact read as a change ("the
  // department added $40 million") is often a contribution a draft states as a level.
  if (kind !== 'date' && claim.change && !target.change) return out('a change, not a level');
  if (claim.instance === 'compared') return out(`the term of a comparison ("${claim.instanceText}")`);
  if (claim.stranger) return out(`about ${claim.stranger}, whom the fact base does not know`);
  if (claim.when !== undefined && target.when !== undefined && claim.when !== target.when) return out(`dated ${claim.when}, the fact ${target.when}`);
  if (claim.thing !== undefined && target.thing !== undefined && claim.thing !== target.thing && !sharesRoot(claim, fact)) {
    return out(`measures ${claim.thingText ?? claim.thing}, the fact ${target.thingText ?? target.thing}`);
  }
  if (claim.instance === 'dated' && kind !== 'date') return out(`the ${claim.instanceText} one, named by its own date`);
  if (claim.instance === 'dated' && kind === 'date' && target.role !== 'point') return out(`names the ${claim.instanceText} one`);
  if (claim.instance === 'earlier' && target.instance !== 'earlier') return out(`an ${claim.instanceText} one, not the fact's`);
  if (claim.instance === 'current' && target.instance === 'earlier') return out(`a ${claim.instanceText} one; the fact is an earlier one`);
  if (kind === 'date') {
    if (target.role === 'end' || target.role === 'start') {
      const other = target.role === 'end' ? 'start' : 'end';
      if (claim.role === other) return out(`the ${other} of a span; the fact is its ${target.role}`);
      if (claim.role !== target.role) return out(`not said to be the ${target.role}`);
    } else if ((claim.role === 'start' || claim.role === 'end') && !sameEvent(claim, target)) {
      // "Since the March 13 closing": a span anchored on the fact's own event still dates that event.
      return out(`the ${claim.role} of a span; the fact is a single date`);
    }
    // "raised $7.5 billion through a term loan in May 2024": the clause's amount is not the fact's, so neither is its date.
    const amount = amountOfDate.get(fact);
    if (amount?.value && claim.amounts && claim.amounts.length > 0 && !claim.amounts.some((a) => agrees(a, amount.value as NonNullable<Fact['value']>, amount.tolerance))) {
      return out(`dates another ${claim.thingText ?? 'one'} (its amount is not ${amount.valueText ?? 'the fact\'s'})`);
    }
    if (claim.event && target.event && claim.event !== target.event && !(COMPATIBLE_EVENTS.has(claim.event) && COMPATIBLE_EVENTS.has(target.event))) {
      return out(`dates "${claim.event}", the fact "${target.event}"`);
    }
  }
  if (claim.role === 'within' && claim.partner && !rangeHolds(mention, claim.partner, fact)) {
    return out('a range; a range is compared as a whole');
  }
  return { aligned: true };
}

/** Whether a range given by its two ends contains the fact's value. */
export function rangeHolds(a: Mention, b: Mention, fact: Fact): boolean {
  if (!fact.value) return false;
  const x = valueInterval(a.value);
  const y = valueInterval(b.value);
  const f = valueInterval(fact.value);
  if (!x || !y || !f) return false;
  const lo = Math.min(x.lo, y.lo);
  const hi = Math.max(x.hi, y.hi);
  return f.lo <= hi && f.hi >= lo;
}

/** Whether the claim's thing shares a root with a word of the fact's statement ("the six-month rebuild", "rebuilt its stack"). */
function sharesRoot(claim: ClaimFrame, fact: Fact): boolean {
  const word = claim.thingText?.toLowerCase();
  if (!word || word.length < 5) return false;
  return rootsOf(fact).has(word.slice(0, 5));
}

const statementRoots = new WeakMap<Fact, Set<string>>();

/** The five-letter roots of the fact statement's longer words, computed once per fact. */
function rootsOf(fact: Fact): Set<string> {
  let roots = statementRoots.get(fact);
  if (!roots) {
    roots = new Set(tokenize(fact.statement).filter((t) => t.text.length >= 5).map((t) => t.text.toLowerCase().slice(0, 5)));
    statementRoots.set(fact, roots);
  }
  return roots;
}

/** Whether two frames date the same event (or two that reporting treats as one). */
export function sameEvent(claim: ClaimFrame, target: ClaimFrame): boolean {
  return claim.event !== undefined && target.event !== undefined && (claim.event === target.event || (COMPATIBLE_EVENTS.has(claim.event) && COMPATIBLE_EVENTS.has(target.event)));
}

function out(reason: string): Alignment {
  return { aligned: false, reason };
}
