import type { Value, ValueFormat } from '../types';

/** A value a matcher read at a position, before qualifiers are attached. */
export interface Candidate {
  start: number;
  end: number;
  value: Value;
  format: ValueFormat;
  /** Whether a hedge makes trailing zeros insignificant (a whole number written without decimals). */
  wholeNumber: boolean;
}
