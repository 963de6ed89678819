/**
 * Sentence segmentation with character offsets. Pages (small, carefully written) go through the
 * `compromise` NLP library, which knows abbreviations ("E.g.", "e.g.") and quotes; registry
 * descriptions (a megabyte or more at once) use a fast splitter, because compromise takes ~16 ms
 * per description and the bench budget is 5 s for all of them (see bench/extract.bench.ts).
 */
import nlp from 'compromise';
import type { Range } from './span.js';

export type SentenceEngine = 'compromise' | 'fast';

/** Above this size a text is split by the fast splitter whatever was asked (bounded time). */
const COMPROMISE_LIMIT = 50_000;

const ABBREVIATIONS = /\b(?:e\.g|i\.e|etc|incl|approx|vs|cf|no|nr|st|dr|prof|mr|mrs|ms|inc|ltd|co|corp|resp|fig|al|ca|[A-Z])\.$/i;

/** Sentences of `text[range]`, as absolute ranges, trimmed of surrounding white space. */
export function sentences(text: string, range: Range, engine: SentenceEngine = 'fast'): Range[] {
  const part = text.slice(range.start, range.end);
  const raw = engine === 'compromise' && part.length <= COMPROMISE_LIMIT ? compromiseSplit(part) : fastSplit(part);
  const out: Range[] = [];
  for (const r of raw) {
    let start = r.start;
    let end = r.end;
    while (start < end && /\s/.test(part[start] as string)) start++;
    while (end > start && /\s/.test(part[end - 1] as string)) end--;
    if (end > start) out.push({ start: range.start + start, end: range.start + end });
  }
  return out;
}

function compromiseSplit(part: string): Range[] {
  const json = nlp(part).json({ offset: true }) as { offset: { start: number; length: number } }[];
  const out: Range[] = [];
  let cursor = 0;
  for (const s of json) {
    const start = Math.max(cursor, s.offset.start);
    const end = Math.min(part.length, s.offset.start + s.offset.length);
    if (end > start) out.push({ start, end });
    cursor = Math.max(cursor, end);
  }
  if (!out.length && part.trim()) out.push({ start: 0, end: part.length });
  return out;
}

/** Splits after . ! ? (and closing quotes) followed by space and an upper-case letter or a digit, or at line breaks. */
export function fastSplit(part: string): Range[] {
  const out: Range[] = [];
  let start = 0;
  const re = /[.!?]+["'”’)]*(?=\s+["'“‘(]?[\p{Lu}\p{N}])|(?<=\p{Ll}{2}[.!?])(?=\p{Lu}\p{L}*\s)|\n\s*\n|\n(?=\s*[-•*])/gu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(part))) {
    if (!m[0]) re.lastIndex++; // a split between run-together sentences is empty: step over it
    const end = m.index + m[0].length;
    if (m[0].startsWith('.') && ABBREVIATIONS.test(part.slice(Math.max(start, m.index - 6), m.index + 1))) continue;
    out.push({ start, end });
    start = end;
  }
  if (start < part.length) out.push({ start, end: part.length });
  return out;
}

/** Where the clause starting at `pos` ends: at ", as well as", ";" or "while", else at `end`. */
export function clauseEnd(text: string, pos: number, end: number): number {
  const m = /,\s*as well as\b|;|\bwhile\b/.exec(text.slice(pos, end));
  return m ? pos + m.index : end;
}
