/**
 * Writing values back: canonical descriptions and fixes in the writer's own format.
 */
import type { DateFormat, DateValue, Mention, MoneyFormat, Span, Value, ValueFormat } from '../types';
import { agrees } from './compare';
import { adaptDateStyle, canonicalDateFormat, MONTHS, renderDate } from './dates';
import { canonicalDurationFormat, renderDuration } from './durations';
import { capitalise, isCapitalised } from './lexer';
import { canonicalMoneyFormat, currencyPrefix, renderMoney } from './money';
import { canonicalOrdinalFormat, renderOrdinal } from './ordinals';
import { defaultQualifier } from './qualifiers';

/** The canonical format of a value ("$21 billion", "December 2032", "nine months", "first"). */
export function canonicalFormat(value: Value): ValueFormat {
  switch (value.kind) {
    case 'money': return { kind: 'money', ...canonicalMoneyFormat(value) };
    case 'date': return { kind: 'date', ...canonicalDateFormat(value) };
    case 'duration': return { kind: 'duration', ...canonicalDurationFormat(value) };
    default: return { kind: 'ordinal', ...canonicalOrdinalFormat(value) };
  }
}

/** The value alone (no qualifier) in `format`, or canonically when the format is of another kind. */
function renderCore(value: Value, format: ValueFormat, article = false, sourceFormat?: ValueFormat): string {
  const f = format.kind === value.kind ? format : canonicalFormat(value);
  switch (value.kind) {
    case 'money':
      return renderMoney(value, f as MoneyFormat, sourceFormat?.kind === 'money' ? sourceFormat : undefined);
    case 'date':
      return renderDate(value, f as DateFormat);
    case 'duration':
      return renderDuration(value, f as Extract<ValueFormat, { kind: 'duration' }>, article);
    default:
      return renderOrdinal(value, f as Extract<ValueFormat, { kind: 'ordinal' }>);
  }
}

/** The qualifier of a value as text ("about", "more than"), or empty for an exact value. */
function qualifierText(value: Value): string {
  if (value.bound === 'exact') return '';
  if (value.kind !== 'ordinal' && value.qualifier !== undefined && value.qualifier !== '') return value.qualifier;
  return defaultQualifier(value.kind, value.bound);
}

function joinQualifier(q: string, core: string): string {
  if (q === '') return core;
  return q === '~' ? `~${core}` : `${q} ${core}`;
}

/**
 * Canonical human text of a value: "about $21 billion", "$8.5 billion", "December 2032",
 * "February 17, 2026", "nine months", "almost seven years", "first". When `format` is given, render in
 * that format.
 */
export function describeValue(value: Value, format?: ValueFormat): string {
  return joinQualifier(qualifierText(value), renderCore(value, format ?? canonicalFormat(value)));
}

/** Whether `text` starts with a capital only sentence position explains (not a month name or a code like "US"). */
function startsSentenceCase(text: string): boolean {
  const word = /^\p{L}+/u.exec(text)?.[0];
  if (word === undefined || !isCapitalised(word)) return false;
  if (word.length > 1 && word === word.toUpperCase()) return false;
  return !MONTHS.has(word.toLowerCase());
}

const ONE_SIDED = new Set(['gt', 'gte', 'lt', 'lte']);

function direction(bound: Value['bound']): number {
  if (bound === 'gt' || bound === 'gte') return 1;
  if (bound === 'lt' || bound === 'lte') return -1;
  return 0;
}

/** Whether the draft's own qualifier word must go: it bounds the wrong way, or the source is one-sided. */
function qualifierWrong(draft: Value, source: Value): boolean {
  const d = direction(draft.bound);
  const s = direction(source.bound);
  if (d !== 0) return d !== s;
  return s !== 0;
}

const GRANULARITY_RANK = { year: 0, month: 1, day: 2 } as const;

/** A source date in the draft's date format: at the draft's granularity when that still agrees, else the source's. */
function dateForDraft(source: DateValue, sourceFormat: ValueFormat, draft: DateValue, draftFormat: DateFormat): string {
  const exactSource: DateValue = { ...source, bound: 'exact' };
  if (GRANULARITY_RANK[draft.granularity] <= GRANULARITY_RANK[source.granularity] && source.part === undefined) {
    const year = source.year ?? draft.year;
    const projected: DateValue = {
      kind: 'date',
      granularity: draft.granularity,
      bound: 'exact',
      ...(year !== undefined ? { year } : {}),
      ...(draft.granularity !== 'year' && source.month !== undefined ? { month: source.month } : {}),
      ...(draft.granularity === 'day' && source.day !== undefined ? { day: source.day } : {}),
      ...(draft.part !== undefined ? { part: draft.part } : {}),
    };
    // A year-less draft ("Feb. 27") stays year-less: the year comes from context.
    if (draft.year === undefined && draft.granularity === 'day') delete projected.year;
    if (agrees(projected, exactSource)) return renderDate(projected, draftFormat);
  }
  const sf = sourceFormat.kind === 'date' ? sourceFormat : canonicalDateFormat(source);
  const style = adaptDateStyle(draftFormat.style, source);
  const partText = source.part !== undefined && sf.style === 'part-y' ? sf.partText : '';
  return renderDate(source, { style, monthStyle: draftFormat.monthStyle, partText });
}

/**
 * The edit that puts the source value in place of a draft mention, in the writer's own format. Returns
 * the span to replace (the mention's span, or qualifier+mention when the draft's bound word itself is
 * wrong, e.g. "more than $25 billion" -> "about $21 billion") and the new text.
 */
export function fixForMention(source: Value, sourceFormat: ValueFormat, draft: Mention): { span: Span; newText: string } {
  const d = draft.value;
  const replaceQualifier = draft.qualifierSpan !== undefined && (d.kind !== source.kind || qualifierWrong(d, source));
  let core: string;
  if (d.kind !== source.kind) {
    core = renderCore(source, sourceFormat);
  } else if (source.kind === 'date' && d.kind === 'date' && draft.format.kind === 'date') {
    core = dateForDraft(source, sourceFormat, d, draft.format);
  } else if (source.kind === 'money' && d.kind === 'money' && draft.format.kind === 'money') {
    let fmt: MoneyFormat = draft.format;
    if (d.currency !== source.currency) {
      const sf = sourceFormat.kind === 'money' ? sourceFormat : undefined;
      fmt = { ...fmt, prefix: sf?.prefix ?? currencyPrefix(source.currency), suffix: sf?.suffix ?? '' };
      if (fmt.prefix === '' && fmt.suffix === '') fmt.prefix = currencyPrefix(source.currency);
    }
    core = renderMoney(source, fmt, sourceFormat.kind === 'money' ? sourceFormat : undefined);
  } else {
    const article = /^an?\s/i.test(draft.text);
    core = renderCore(source, draft.format, article, sourceFormat);
  }
  const sourceQualifier = qualifierText(source);
  const includeQualifier = replaceQualifier ? true : draft.qualifierSpan === undefined && ONE_SIDED.has(source.bound);
  let newText = includeQualifier ? joinQualifier(sourceQualifier, core) : core;
  const start = replaceQualifier && draft.qualifierSpan !== undefined ? draft.qualifierSpan.start : draft.span.start;
  const replacedFirst = replaceQualifier ? (draft.qualifierText ?? '') : draft.text;
  if (startsSentenceCase(replacedFirst) && /^\p{Ll}/u.test(newText)) newText = capitalise(newText);
  return { span: { start, end: draft.span.end }, newText };
}
