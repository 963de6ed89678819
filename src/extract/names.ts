/**
 * Proper names in running text: a run of capitalised words, acronyms, numbers and camel-case
 * words ("iMan"), joined by short connectors ("of", "for", "and", "de", "–"). Organisation names
 * are what the NLP library's noun phrases get wrong most often (they split at "of" and "–" and
 * lower-case heads), so names are read with these explicit rules instead.
 */
import type { Range } from './span.js';

export interface NameCapture extends Range {
  name: string;
  /** A lower-case organisation-type word right after the name ("NMP-Reg project"). */
  typeWord?: string;
  quoted: boolean;
}

const TOKEN = /[\p{L}\p{N}]+(?:[.'’&][\p{L}\p{N}]+|[-+@/][\p{L}\p{N}]+)*/uy;
const CONNECTORS = new Set(['of', 'for', 'and', 'the', 'de', 'du', 'des', 'la', 'le', 'di', 'del', 'della', 'der', 'und', 'für', 'van', 'von', 'en', 'y', 'e', 'do', 'da', 'on', 'in', '&', '@']);
const LEADING = new Set(['the', 'a', 'an']);
const TYPE_WORDS = /^(?:project|programme|program|initiative|network|platform|cluster|association|consortium|hub|partnership|alliance|foundation|committee|community)$/;
const GEO_NOUNS = /^(?:region|province|area|county)$/;
/** Capitalised words that start sentences or clauses but are no names. */
const NOT_NAMES = new Set(['It', 'Its', 'We', 'Our', 'This', 'These', 'Those', 'They', 'Their', 'In', 'As', 'At', 'With', 'For', 'By', 'On', 'And', 'Also', 'Moreover', 'Furthermore', 'Besides', 'Additionally', 'The', 'A', 'An', 'E.g', 'I.e']);

const isProper = (w: string): boolean => /^[\p{Lu}\p{N}]/u.test(w) || /\p{Lu}/u.test(w.slice(1));
const OPEN_QUOTES = '“"‘«„';
const CLOSE_FOR: Record<string, string> = { '“': '”', '"': '"', '‘': '’', '«': '»', '„': '“' };

interface Word extends Range {
  text: string;
}

function wordAt(text: string, pos: number): Word | undefined {
  TOKEN.lastIndex = pos;
  const m = TOKEN.exec(text);
  if (!m) return undefined;
  // "UNIT.City" and "4.0" are one word; "Example.Its" is two run-together sentences
  const cut = /\p{Ll}[.](?=\p{Lu})/u.exec(m[0]);
  const word = cut ? m[0].slice(0, cut.index + 1) : m[0];
  return { text: word, start: pos, end: pos + word.length };
}

function skipSpaces(text: string, pos: number, limit: number): number {
  while (pos < limit && (text[pos] === ' ' || text[pos] === '\t' || text[pos] === '\u00a0')) pos++;
  return pos;
}

/**
 * The name starting at `pos` (after an optional article and, when `modifiers` > 0, up to that many
 * lower-case words such as "the government sponsored"), not reaching past `limit`.
 */
export function captureName(text: string, pos: number, limit: number, modifiers = 0): NameCapture | undefined {
  let p = skipSpaces(text, pos, limit);
  const quote = text[p];
  if (quote && OPEN_QUOTES.includes(quote)) {
    const close = text.indexOf(CLOSE_FOR[quote] as string, p + 1);
    if (close > p + 1 && close <= limit && close - p < 200 && !text.slice(p + 1, close).includes('\n')) {
      return { start: p + 1, end: close, name: text.slice(p + 1, close).trim(), quoted: true };
    }
    return undefined;
  }
  let skipped = 0;
  for (;;) {
    const w = wordAt(text, p);
    if (!w || w.end > limit) return undefined;
    if (isProper(w.text) && !NOT_NAMES.has(w.text) && !/^\p{Lu}\p{Ll}+ing$/u.test(w.text)) break;
    if (LEADING.has(w.text.toLowerCase()) || (skipped < modifiers && /^\p{Ll}/u.test(w.text))) {
      if (!LEADING.has(w.text.toLowerCase())) skipped++;
      p = skipSpaces(text, w.end, limit);
      continue;
    }
    return undefined;
  }
  const start = p;
  let end = p;
  let lastProperEnd = p;
  for (;;) {
    const w = wordAt(text, p);
    if (!w || w.end > limit) break;
    const proper = isProper(w.text) && (!NOT_NAMES.has(w.text) || w.start === start);
    if (proper) {
      end = w.end;
      lastProperEnd = w.end;
    } else if (!CONNECTORS.has(w.text.toLowerCase()) || end === start) break;
    else if (w.text === 'and' && /^ (?:the|a|an|its|their) /i.test(text.slice(w.end, w.end + 7))) break;
    // what joins this word to the next: a space, or a dash between spaces, or "@"
    let q = w.end;
    const gap = /^(?: [–—&-] | @ | |-)/.exec(text.slice(q, q + 3));
    if (!gap) break;
    q += gap[0].length;
    p = q;
  }
  end = lastProperEnd;
  if (end <= start) return undefined;
  // "the Smart Specialization Strategy of the Center region": a place's generic noun closes the name
  let name = text.slice(start, end);
  const next = wordAt(text, skipSpaces(text, end, limit));
  const capture: NameCapture = { start, end, name, quoted: false };
  if (next && next.end <= limit && text.slice(end, next.start).trim() === '') {
    if (GEO_NOUNS.test(next.text) && / of (?:the )?\S+$/.test(name)) {
      capture.end = next.end;
      capture.name = name = text.slice(start, next.end);
    } else if (TYPE_WORDS.test(next.text)) capture.typeWord = next.text;
  }
  return capture;
}

/** A list of names: "A, B and C", "A (ACR), B, as well as C"; each item as captured. */
export function captureNameList(text: string, pos: number, limit: number): NameCapture[] {
  const out: NameCapture[] = [];
  let p = pos;
  for (;;) {
    const typed = typedBracket(text, p, limit);
    const item = typed ?? captureName(text, p, limit, out.length ? 0 : 3) ?? (out.length ? laterItem(text, p, limit) : undefined);
    if (!item) break;
    // "Forum Oceano (FO), Portugal's Blue Economy Cluster": a possessive starts an apposition, not an item
    if (out.length && /^\S*['’]s\b/u.test(item.name)) break;
    // "the Federal Association of SMEs, the Bundesverband mittelständische Wirtschaft": a name cut short is an apposition
    const next = /^\s+(\p{Ll}[\p{L}-]*)/u.exec(text.slice(item.end, limit));
    if (out.length && !item.quoted && !item.typeWord && next && !LIST_GO_ON.has(next[1] as string)) break;
    // "Micronova and DIMECC" ends a list: two one-word names, not one name
    const pair = out.length && !item.quoted ? /^(\S+|.*\b(?:Cluster|Institute|University|Park|Association|Centre|Center|Agency|Chamber|Foundation|Network|Lab|Laboratory)) and ([\p{Lu}].*)$/u.exec(item.name) : null;
    if (pair) {
      const second = item.end - (pair[2] as string).length;
      out.push({ start: item.start, end: item.start + (pair[1] as string).length, name: pair[1] as string, quoted: false });
      out.push({ start: second, end: item.end, name: pair[2] as string, quoted: false });
      break;
    }
    out.push(item);
    let q = typed ? typed.end + 1 : item.quoted ? item.end + 1 : item.end;
    const typeWord = item.typeWord ? new RegExp(`^\\s+${item.typeWord}`).exec(text.slice(q, limit)) : null;
    if (typeWord) q += typeWord[0].length;
    const acr = /^\s*\([^()]{1,90}\)/.exec(text.slice(q, limit));
    if (acr) q += acr[0].length;
    const sep = /^(?:\s*,\s*(?:and\s+|as well as\s+)?|\s+and\s+|\s+as well as\s+|\s*;\s*)/.exec(text.slice(q, limit));
    if (!sep || q + sep[0].length <= p) break;
    p = q + sep[0].length;
  }
  return out;
}

/** Words after a list item that do not cut it short. */
const LIST_GO_ON = new Set(['and', 'or', 'as', 'is', 'are', 'was', 'were', 'has', 'have', 'who', 'which', 'that', 'to', 'in', 'with', 'for', 'at', 'on', 'from', 'by', 'supported', 'based', 'located']);

/**
 * A later item of a list that a proper-name capture misses: "competence centre IMECC" (a type
 * phrase before the name) or "ibi research" (a name written in lower case), ended by a separator.
 */
function laterItem(text: string, pos: number, limit: number): NameCapture | undefined {
  const rest = text.slice(pos, limit);
  const typed = /^\s*(?:the\s+)?(?:[\p{Ll}-]+\s+){0,2}?(?:centre|center|institute|university|park|cluster|association|agency)\s+(?=[\p{Lu}])/u.exec(rest);
  if (typed) return captureName(text, pos + typed[0].length, limit);
  const plain = /^\s*((?:[\p{L}\p{N}&.-]+\s){0,2}[\p{L}\p{N}&.-]+)(?=\s*(?:,|\(|\band\b|$))/u.exec(rest);
  if (!plain) return undefined;
  const start = pos + plain[0].indexOf(plain[1] as string);
  return { start, end: start + (plain[1] as string).length, name: plain[1] as string, quoted: false };
}

/** "an RTO (CEA LIST)", "an industry cluster (SYSTEMATIC)": the bracket names the organisation the words describe. */
const TYPED_BRACKET = /^\s*(?:an?|the)\s+((?:[\p{Ll}-]+\s+){0,2}[\p{L}-]+)\s*\(\s*([\p{Lu}][^()]{1,40}?)\s*\)/u;
const TYPE_NOUN = /(?:RTO|cluster|university|association|company|institute|centre|center|agency|organi[sz]ation|foundation|network|park)s?$/i;

function typedBracket(text: string, pos: number, limit: number): NameCapture | undefined {
  const m = TYPED_BRACKET.exec(text.slice(pos, limit));
  if (!m || !TYPE_NOUN.test(m[1] as string)) return undefined;
  const start = pos + m[0].lastIndexOf(m[2] as string);
  return { start, end: start + (m[2] as string).length, name: m[2] as string, quoted: false };
}

/** An acronym in brackets right after a name: "University of the Balearic Islands (UIB)". */
export function bracketAcronym(text: string, end: number, limit: number): string | undefined {
  const m = /^\s*\(\s*-?([\p{Lu}][\p{Lu}\p{N}&.-]{1,15})-?\s*\)/u.exec(text.slice(end, Math.min(limit, end + 24)));
  return m?.[1];
}

/** Words every hub name has; a shared one says nothing about two names being one hub. */
const GENERIC_TOKENS = new Set(['the', 'of', 'for', 'and', 'digital', 'innovation', 'hub', 'hubs', 'dih', 'edih', 'european', 'national', 'regional', 'platform', 'centre', 'center', 'in', 'on', 'de', 'la']);

/** True when `name` shares a distinctive word with the hub's name or one of its alternative names. */
export function sharesDistinctiveWord(hub: { name: string; altNames: string[] }, name: string): boolean {
  const distinctive = (n: string) => new Set(n.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((t) => t && !GENERIC_TOKENS.has(t)));
  const words = distinctive(hub.name);
  for (const alt of hub.altNames) for (const t of distinctive(alt)) words.add(t);
  return [...distinctive(name)].some((t) => words.has(t));
}
