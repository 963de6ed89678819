/** Text spans of extracted facts: exact text plus a short context, as a TextQuoteSelector wants. */
import type { Span } from '../model/record.js';

const CONTEXT = 32;

export function makeSpan(text: string, start: number, end: number): Span {
  const span: Span = { start, end, exact: text.slice(start, end) };
  if (start > 0) span.prefix = text.slice(Math.max(0, start - CONTEXT), start);
  if (end < text.length) span.suffix = text.slice(end, end + CONTEXT);
  return span;
}

/** A half-open character range of the text. */
export interface Range {
  start: number;
  end: number;
}

export const overlaps = (a: Range, b: Range): boolean => a.start < b.end && b.start < a.end;
export const inside = (a: Range, outer: Range): boolean => a.start >= outer.start && a.end <= outer.end;
