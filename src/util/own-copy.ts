/**
 * Strings kept for the whole build must not be views into the text they were read from. V8 makes
 * a substring of 13 characters or more a view of its parent (a "sliced string"), so one word kept
 * from a 110 MB YAML file keeps all of the file: at 100,000 hubs, 63 long words in the merge's
 * word table held 106 MB of YAML through every later stage.
 */
import { BoundedMap } from './bounded-map.js';

const SLICED_MIN_LENGTH = 13;

/** `text`, in memory of its own (a shorter string is always copied by V8 already). */
export function ownCopy(text: string): string {
  // Slicing a concatenation flattens it into a new string (text.length + 1 characters) first.
  return text.length < SLICED_MIN_LENGTH ? text : (' ' + text).slice(1);
}

/**
 * One copy of each text that many kept things repeat (a message of many findings, the licence of
 * every record of a registry), itself a copy of its own: a bounded memo that starts again once full.
 */
export class TextPool {
  private readonly texts: BoundedMap<string, string>;

  constructor(limit = 1 << 12) {
    this.texts = new BoundedMap(limit);
  }

  one(text: string): string {
    let kept = this.texts.get(text);
    if (kept === undefined) this.texts.set((kept = ownCopy(text)), kept);
    return kept;
  }
}
