/**
 * Strings kept for the whole build must not be views into the text they were read from. V8 makes
 * a substring of 13 characters or more a view of its parent (a "sliced string"), so one word kept
 * from a 110 MB YAML file keeps all of the file: at 100,000 hubs, 63 long words in the merge's
 * word table held 106 MB of YAML through every later stage.
 */
const SLICED_MIN_LENGTH = 13;

/** `text`, in memory of its own (a shorter string is always copied by V8 already). */
export function ownCopy(text: string): string {
  // Slicing a concatenation flattens it into a new string (text.length + 1 characters) first.
  return text.length < SLICED_MIN_LENGTH ? text : (' ' + text).slice(1);
}
