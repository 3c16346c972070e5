/**
 * Typed value parsers, comparator and formatter of the engine: money, dates, durations and ordinals.
 */
export { extractMentions, parseValueText } from './extract';
export { agrees, intervalsAgree, valueInterval } from './compare';
export { describeValue, fixForMention } from './format';
