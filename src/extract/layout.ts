/**
 * The layout of a catalogue page: banner, hub name, section headings, prose paragraphs and a status
 * line. Pages are blocks separated by blank lines; short blocks before the prose are the banner,
 * the hub name (often repeated) and headings; a short last block naming a status is the status.
 */
import type { Range } from './span.js';

export interface Block extends Range {
  text: string;
}

export interface PageLayout {
  banner?: Block;
  title?: Block;
  headings: Block[];
  paragraphs: Block[];
  /** The last short block, when it may be a status line (the caller checks it against the status scheme). */
  statusCandidate?: Block;
}

const SHORT = 160;
const HUBBISH = /\b(?:hub|dih|edih|innovation|platform|centre|center|competence)\b/i;

export function blocks(text: string): Block[] {
  const out: Block[] = [];
  const re = /[^\n]*\S[^\n]*(?:\n[^\n]*\S[^\n]*)*/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    let start = m.index;
    let end = start + m[0].length;
    while (/\s/.test(text[start] as string)) start++;
    while (end > start && /\s/.test(text[end - 1] as string)) end--;
    out.push({ start, end, text: text.slice(start, end) });
  }
  return out;
}

const isShort = (b: Block): boolean => b.text.length <= SHORT && !/[.!?]["”’)]?\s*$/.test(b.text) && !/[.!?]\s+\p{Lu}/u.test(b.text);

export function readLayout(text: string): PageLayout {
  const all = blocks(text);
  const layout: PageLayout = { headings: [], paragraphs: [] };
  const last = all[all.length - 1];
  let body = all;
  if (last && all.length > 1 && last.text.length <= 60 && !last.text.includes('\n')) {
    layout.statusCandidate = last;
    body = all.slice(0, -1);
  }
  const firstProse = body.findIndex((b) => !isShort(b));
  const head = firstProse < 0 ? body : body.slice(0, firstProse);
  const prose = firstProse < 0 ? [] : body.slice(firstProse);
  // The title: a short block the page repeats, else one that sounds like a hub, else the last before the prose.
  const repeated = head.findIndex((b, i) => head.some((o, j) => j !== i && o.text === b.text));
  let titleAt = repeated >= 0 ? repeated : head.findIndex((b) => HUBBISH.test(b.text) && !b.text.includes('\n'));
  if (titleAt < 0) titleAt = head.length > 1 ? 1 : head.length - 1;
  if (titleAt >= 0) {
    layout.title = head[titleAt];
    if (titleAt > 0) layout.banner = head[0];
    for (const b of head.slice(titleAt + 1)) if (b.text !== layout.title?.text) layout.headings.push(b);
  }
  for (const b of prose) (isShort(b) ? layout.headings : layout.paragraphs).push(b);
  return layout;
}
