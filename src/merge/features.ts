/**
 * What a person compares when deciding whether two registry records describe one hub, computed once
 * per record: web host and registrable domain, name words and acronyms, city and street words,
 * country, description words. Keys are accent-insensitive and tolerate letters a harvester dropped.
 */
import { ownCopy } from '../util/own-copy.js';
import type { HubRecord } from '../model/record.js';
import { normaliseWebsite } from '../map/iri.js';
import { foldKey } from '../sources/cleaning.js';

export interface RecordFeatures {
  /** `registry/id`, unique in a build. */
  key: string;
  index: number;
  registry: string;
  /** Records of one registry never describe one hub twice unless the evidence is direct. */
  registryIdentifier?: string;
  name: string;
  names: string[];
  country?: string;
  /** Host without `www.`, e.g. `dih.produtech.org`. */
  host?: string;
  /** Host plus the first path segment, for hubs that are a page of their host's site. */
  site?: string;
  /** Registrable domain (`produtech.org`, `unina.it`, `ac.uk` aware). */
  domain?: string;
  /** Distinctive words of the names (generic words such as "digital", "hub" removed). */
  nameWords: WordSet;
  /** Acronyms and short names: explicit short names, parenthesised and upper-case words. */
  acronyms: WordSet;
  /** Words of the city and of the street, when the record has an address. */
  cityWords: WordSet;
  addressWords: WordSet;
  /** Words of the country as the address writes it ("portugal"), not evidence of a street. */
  countryWords: WordSet;
  /** Description words and their counts, for a TF-IDF cosine. */
  descriptionWords: WordCounts;
}

/**
 * Every word the features of this process have used (and the labels the merge's views keep), each once, with a number. A merge holds the
 * features of every record (200,000 at 100,000 hubs); with each record's own copy of each word,
 * in a Map of its own, they took ~3 KB a record. Words come from a language's vocabulary, so the
 * table stays small next to the records.
 */
const wordIds = new Map<string, number>();
const wordList: string[] = [];

/** The one copy of `word`, and its number. */
function wordId(word: string): number {
  let id = wordIds.get(word);
  if (id === undefined) {
    const own = ownCopy(word);
    id = wordList.push(own) - 1;
    wordIds.set(own, id);
  }
  return id;
}

/** The one copy of a string the merge keeps for many records (a word, a concept label or IRI). */
export const intern = (word: string): string => wordList[wordId(word)]!;

/** What the scorer reads of a set of words: a Set, or a WordSet. */
export interface WordBag extends Iterable<string> {
  readonly size: number;
  has(word: string): boolean;
}

/**
 * A few distinct words in the order they first occur, each the table's one copy: what a Set of
 * them says, in an array (a Set of two words took ~150 bytes, and each record has five).
 */
export class WordSet implements WordBag {
  private static readonly EMPTY = new WordSet([]);

  private constructor(private readonly words: readonly string[]) {}

  static of(words: Iterable<string>): WordSet {
    const distinct = [...new Set(words)];
    return distinct.length ? new WordSet(distinct.map(intern)) : WordSet.EMPTY;
  }

  get size(): number {
    return this.words.length;
  }

  has(word: string): boolean {
    return this.words.includes(word);
  }

  [Symbol.iterator](): Iterator<string> {
    return this.words[Symbol.iterator]();
  }
}

/**
 * Where word counts live: side by side in shared blocks of numbers. A pair of typed arrays per
 * record took ~500 bytes of objects and buffers around ~80 bytes of numbers (200,000 records:
 * ~100 MB through the merge); a block is let go with the last counts in it.
 */
const BLOCK_LENGTH = 1 << 16;
let block = new Uint32Array(BLOCK_LENGTH);
let blockUsed = 0;

/** Words with counts, in the order they first occur, kept as word numbers: a compact Map<string, number>. */
export class WordCounts {
  private static readonly EMPTY = new WordCounts(new Uint32Array(0), 0, 0);

  /** `size` words from `start` in `numbers`: word numbers, then their counts. */
  private constructor(private readonly numbers: Uint32Array, private readonly start: number, readonly size: number) {}

  static of(words: Iterable<string>): WordCounts {
    const ids: number[] = [];
    const counts: number[] = [];
    for (const w of words) {
      const id = wordId(w);
      const at = ids.indexOf(id);
      if (at >= 0) counts[at] = Math.min(counts[at]! + 1, 0xffff);
      else {
        ids.push(id);
        counts.push(1);
      }
    }
    if (!ids.length) return WordCounts.EMPTY;
    if (blockUsed + 2 * ids.length > block.length) {
      block = new Uint32Array(Math.max(BLOCK_LENGTH, 2 * ids.length));
      blockUsed = 0;
    }
    const start = blockUsed;
    block.set(ids, start);
    block.set(counts, start + ids.length);
    blockUsed += 2 * ids.length;
    return new WordCounts(block, start, ids.length);
  }

  /** Position of word number `id` among this one's words, or -1. */
  private find(id: number): number {
    const { numbers, start, size } = this;
    for (let i = 0; i < size; i++) if (numbers[start + i] === id) return i;
    return -1;
  }

  private idAt(i: number): number {
    return this.numbers[this.start + i]!;
  }

  private countAt(i: number): number {
    return this.numbers[this.start + this.size + i]!;
  }

  get(word: string): number | undefined {
    const id = wordIds.get(word);
    if (id === undefined) return undefined;
    const at = this.find(id);
    return at >= 0 ? this.countAt(at) : undefined;
  }

  *keys(): IterableIterator<string> {
    for (let i = 0; i < this.size; i++) yield wordList[this.idAt(i)]!;
  }

  *[Symbol.iterator](): IterableIterator<[string, number]> {
    for (let i = 0; i < this.size; i++) yield [wordList[this.idAt(i)]!, this.countAt(i)];
  }

  /** The dot product of two word-count vectors, each word weighted by `weight(word)` squared. */
  dot(other: WordCounts, weight: (word: string) => number): number {
    const [small, large] = this.size < other.size ? [this, other] : [other, this];
    let dot = 0;
    for (let i = 0; i < small.size; i++) {
      const id = small.idAt(i);
      const at = large.find(id);
      if (at >= 0) dot += small.countAt(i) * large.countAt(at) * weight(wordList[id]!) ** 2;
    }
    return dot;
  }
}

/** Words that every hub name uses: no evidence of identity. */
const GENERIC = new Set(('digital innovation hub hubs dih edih european europe eu the of for and in on at de del della di des du la le el en et y und fur für das der die i d a an to by '
  + 'center centre centro zentrum centrum platform network cluster regional national industry industrial industria 4 0 40 smart technology technologies tech technological '
  + 'association foundation institute university universidad universita universite university research development competence excellence transformation digitalisation digitalization '
  + 'innovative innovazione innovacion innovation sme smes business ecosystem services service company companies lab labs agency park science').split(' '));

/** Second-level labels under which registrable domains sit one level deeper (ac.uk, com.pt...). */
const SECOND_LEVEL = new Set(['ac', 'co', 'com', 'org', 'net', 'gov', 'edu', 'gv', 'or', 'ne']);

/** Hosts that serve many unrelated sites: a shared one says nothing about identity. */
export const PLATFORM_DOMAINS = new Set(['gmail.com', 'wixsite.com', 'wordpress.com', 'google.com', 'sites.google.com', 'linkedin.com', 'facebook.com', 'twitter.com', 'europa.eu', 'github.io', 'blogspot.com', 'jimdo.com', 'weebly.com', 'webnode.com']);

export function registrableDomain(host: string): string {
  const labels = host.toLowerCase().replace(/\.$/, '').split('.');
  if (labels.length <= 2) return labels.join('.');
  const take = SECOND_LEVEL.has(labels[labels.length - 2] as string) ? 3 : 2;
  return labels.slice(-take).join('.');
}

/** Lower-case words with accents folded and non-ASCII letters dropped (harvest-stripped spellings compare equal). */
export function words(text: string): string[] {
  return foldKey(text.normalize('NFC').replace(/[^\u0000-\u007f]/gu, '')).split(' ').filter(Boolean);
}

function acronymsOf(names: string[]): Set<string> {
  const out = new Set<string>();
  for (const n of names) {
    for (const m of n.matchAll(/\(([^)]{2,20})\)/g)) out.add(foldKey(m[1] as string).replace(/ /g, ''));
    for (const w of n.split(/[\s,;:/()–-]+/)) {
      const letters = w.replace(/[^\p{L}\p{N}]/gu, '');
      // Upper-case words (PRODUTECH, DIGIT) and mixed-case coinages (AgrotechDIH, DATAlife).
      if (letters.length >= 3 && (/^[\p{Lu}\p{N}]+$/u.test(letters) || (/^\p{Lu}/u.test(letters) && /\p{Ll}\p{Lu}|\p{Lu}{2}\p{Ll}/u.test(letters)))) {
        const k = foldKey(letters).replace(/ /g, '');
        out.add(k);
        const bare = k.replace(/^e?dih|e?dih$/g, '');
        if (bare.length >= 3) out.add(bare);
      }
    }
  }
  for (const generic of ['dih', 'edih', 'hub', 'eu', 'sme', 'smes', 'ict', 'iot', 'ai']) out.delete(generic);
  return out;
}

function siteOf(homepage: string | undefined): { host?: string; site?: string; domain?: string } {
  if (!homepage) return {};
  const url = normaliseWebsite(homepage).url;
  if (!url) return {};
  const u = new URL(url);
  const host = u.hostname.toLowerCase().replace(/^www\d?\./, '');
  const first = u.pathname.split('/').filter(Boolean)[0]?.toLowerCase();
  // Language folders (/en, /de) and index pages are not a different site.
  const meaningful = first && !/^([a-z]{2}(-[a-z]{2})?|index\.\w+|home)$/.test(first) ? first : undefined;
  return { host, site: meaningful ? `${host}/${meaningful}` : host, domain: registrableDomain(host) };
}

const STOP_DESCRIPTION = new Set('with from that this which their they have will been also into more such other through about these were well what your while where over under both each only them than very most within between across'.split(' '));

export function recordFeatures(record: HubRecord, index: number): RecordFeatures {
  const hub = record.entities.find((e) => e.key === record.hub) ?? record.entities[0];
  // Kept through the merge: copied out of the file they were read from (see util/own-copy).
  const names = [hub?.name ?? '', ...(hub?.altNames ?? [])].filter(Boolean).map(ownCopy);
  const name = hub?.name ? names[0]! : '';
  const nameWords = WordSet.of(names.flatMap(words).filter((w) => w.length >= 3 && !GENERIC.has(w)));
  const address = hub?.address;
  const cityWords = WordSet.of(address?.locality ? words(address.locality) : cityFromFull(address?.full));
  const addressWords = WordSet.of(words([address?.street, address?.full].filter(Boolean).join(' ')).filter((w) => w.length >= 3 || /\d/.test(w)));
  const descriptionWords = WordCounts.of(words(hub?.description ?? '').filter((w) => !(w.length < 4 || STOP_DESCRIPTION.has(w) || /^\d+$/.test(w))));
  const f: RecordFeatures = {
    key: ownCopy(`${record.source.registry}/${record.source.id}`),
    index,
    registry: record.source.registry,
    name,
    names,
    nameWords,
    acronyms: WordSet.of(acronymsOf(names)),
    cityWords,
    addressWords,
    countryWords: WordSet.of(words(address?.country ?? '')),
    descriptionWords,
    ...siteOf(hub?.homepage),
  };
  if (record.source.identifier?.startsWith('urn:')) f.registryIdentifier = ownCopy(record.source.identifier);
  if (hub?.country && /^[A-Z0-9]{3}$/.test(hub.country)) f.country = hub.country;
  return f;
}

/** The city of a one-line address "street, postcode City Province, Country": words of the part before the country, without codes. */
function cityFromFull(full: string | undefined): string[] {
  if (!full) return [];
  const parts = full.split(',').map((p) => p.trim()).filter(Boolean);
  const beforeCountry = parts.length >= 2 ? parts[parts.length - 2] : parts[0];
  return words(beforeCountry ?? '').filter((w) => !/\d/.test(w) && w.length >= 3);
}
