/**
 * The items of a JSON text that is an array, parsed one at a time. A registry export of 100,000
 * NGSI-LD entities parsed whole is one tree of objects beside the records read from it; here the
 * text of each item is found by a scan (strings skipped whole, brackets counted) and parsed
 * alone, and let go once read. The scan checks only where items start and end: JSON.parse checks
 * each item, and an item it refuses is reported on its own (`error`), the others still read.
 */

/** Where each item of the top-level array starts and ends, or undefined when the text is not one array. */
export function jsonArrayBounds(text: string): { starts: Uint32Array; ends: Uint32Array } | undefined {
  let i = skipSpace(text, 0);
  if (text.charCodeAt(i) !== 0x5b /* [ */) return undefined;
  i = skipSpace(text, i + 1);
  const starts: number[] = [];
  const ends: number[] = [];
  if (text.charCodeAt(i) !== 0x5d /* ] */) {
    for (;;) {
      const end = valueEnd(text, i);
      if (end === undefined) return undefined;
      starts.push(i);
      ends.push(end);
      i = skipSpace(text, end);
      const c = text.charCodeAt(i);
      if (c === 0x2c /* , */) i = skipSpace(text, i + 1);
      else if (c === 0x5d) break;
      else return undefined;
    }
  }
  return skipSpace(text, i + 1) === text.length ? { starts: Uint32Array.from(starts), ends: Uint32Array.from(ends) } : undefined;
}

export type ArrayItem = { value: unknown; error?: undefined } | { value?: undefined; error: string; line: number };

/** Each item parsed, in order, or JSON.parse's message for it and the line it starts on. */
export function* jsonArrayItems(text: string, bounds: { starts: Uint32Array; ends: Uint32Array }): Generator<ArrayItem> {
  let line = 1;
  let counted = 0;
  for (let k = 0; k < bounds.starts.length; k++) {
    try {
      yield { value: JSON.parse(text.slice(bounds.starts[k], bounds.ends[k])) };
    } catch (err) {
      for (let at = text.indexOf('\n', counted); at !== -1 && at < bounds.starts[k]!; at = text.indexOf('\n', at + 1)) line++;
      counted = bounds.starts[k]!;
      yield { error: (err as Error).message, line };
    }
  }
}

function skipSpace(text: string, i: number): number {
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
  }
  return i;
}

/** The index after the string starting at `i` (a quote), or undefined when it never ends. */
function stringEnd(text: string, i: number): number | undefined {
  for (let from = i + 1; ;) {
    const q = text.indexOf('"', from);
    if (q === -1) return undefined;
    let backslashes = 0;
    while (text.charCodeAt(q - 1 - backslashes) === 0x5c /* \ */) backslashes++;
    if (backslashes % 2 === 0) return q + 1;
    from = q + 1;
  }
}

/** The index after the value starting at `i`, or undefined when it does not end. */
function valueEnd(text: string, i: number): number | undefined {
  const first = text.charCodeAt(i);
  if (first === 0x22 /* " */) return stringEnd(text, i);
  if (first !== 0x7b /* { */ && first !== 0x5b /* [ */) {
    // a number or a literal: up to the next separator
    let j = i;
    for (; j < text.length; j++) {
      const c = text.charCodeAt(j);
      if (c === 0x2c || c === 0x5d || c === 0x7d || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) break;
    }
    return j > i ? j : undefined;
  }
  let depth = 0;
  for (let j = i; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x22) {
      const end = stringEnd(text, j);
      if (end === undefined) return undefined;
      j = end - 1;
    } else if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) {
      depth--;
      if (depth === 0) return j + 1;
    }
  }
  return undefined;
}
