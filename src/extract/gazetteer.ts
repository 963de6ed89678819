/**
 * Prose gazetteers built from the SKOS schemes' labels. Exact cell lookups (`ConceptIndex.lookup`)
 * accept notations, slugs and single common words; prose cannot: "IT", "NO" and "DE" are words,
 * "Space" or "Security" are rarely the sector, "Sud" or "Este" are rarely the NUTS region. So the
 * prose gazetteers index labels only (no notations, no slugs), drop single common words and
 * compass-word region names, and match short acronyms ("AI", "IoT", "CPS") case-sensitively.
 */
import { EU_COUNTRY, NUTS } from '../vocab/namespaces.js';
import { loadConcepts, normaliseLabel, type ConceptIndex, type SchemeName } from '../vocab/concepts.js';
import type { Range } from './span.js';

export type GazetteerKind = 'sector' | 'technology' | 'organisation-type' | 'hub-type' | 'country' | 'region';

export interface GazetteerMatch extends Range {
  kind: GazetteerKind;
  iri: string;
}

interface Entry {
  kind: GazetteerKind;
  iri: string;
}

/** Single words that are concept labels but mostly mean something else in prose. */
const COMMON_WORDS = new Set(`space security finance financial mobility training horizontal data other health medical
travel energy environment environmental climate education construction retail wholesale fashion wood glass
plastic plastics metals steel marine ports shipping firms firm companies company enterprise enterprises sensors
displays regulation compliance consulting consultancy hospitality logistics transportation insurance banking mining
nuclear defence defense military schools hospitals clothing garments shoes rubber polymers ceramic cement timber
machinery beverages fishing apparel leather tanning furniture chemistry electricity recycling utilities culture media
gaming simulation modelling modeling software internet mobile cloud quantum services digital industry industrial
smart green innovation research technology technologies network networks platform platforms`.split(/\s+/));

/** Region names that are only a compass point or a generic word in some language. */
const GENERIC_REGION_WORDS = new Set(`north south east west northern southern eastern western central centre center centro
norte sur este oeste nord sud est ouest vest vast zuid noord oost west mitte ost sever jug istok zapad sul kesk
lansi ita pohjois etela nordjylland islands island region regions capital`.split(/\s+/));

/** Generic heads of technology labels ("Location-based technologies"): the words before them name the technology. */
const GENERIC_TECH_HEADS = new Set(['technologies', 'technology', 'applications', 'solutions', 'systems']);

const SCHEME_KINDS: [SchemeName, GazetteerKind][] = [
  ['sector', 'sector'], ['technology', 'technology'], ['organisation-type', 'organisation-type'], ['hub-type', 'hub-type'],
];

const MAX_TOKENS = 9;

export class ProseGazetteer {
  private readonly phrases = new Map<string, Entry[]>();
  /** Every proper prefix (whole tokens) of a phrase: a scan extends a candidate only while it is one. */
  private readonly prefixes = new Set<string>();
  /** Acronyms, matched on the token as written. */
  private readonly acronyms = new Map<string, Entry[]>();
  /** Sector and technology labels that are single common words: usable only where context says so (see context.ts). */
  private readonly commonWords = new Map<string, Entry[]>();

  constructor(concepts: ConceptIndex) {
    for (const [scheme, kind] of SCHEME_KINDS) {
      const schemeIri = concepts.schemeIri(scheme);
      for (const c of concepts.concepts.values()) if (c.scheme === schemeIri) for (const l of c.labels) this.add(l, kind, c.iri);
    }
    const countryScheme = EU_COUNTRY.replace(/\/$/, '');
    for (const c of concepts.concepts.values()) {
      if (c.scheme === countryScheme) for (const l of c.labels) this.add(l, 'country', c.iri);
    }
    const countryNames = new Set([...concepts.concepts.values()].filter((c) => c.scheme === countryScheme).flatMap((c) => c.labels.map(normaliseLabel)));
    for (const c of concepts.concepts.values()) {
      if (!c.iri.startsWith(NUTS) || !c.scheme) continue;
      for (const l of c.labels) if (!/\(NUTS 1\)/.test(l) && !countryNames.has(normaliseLabel(l))) this.add(l, 'region', c.iri);
    }
  }

  private add(label: string, kind: GazetteerKind, iri: string): void {
    for (const variant of new Set([label, label.replace(/\s*\([^)]*\)\s*/g, ' ').trim()])) {
      const tokens = tokenize(variant);
      if (!tokens.length || tokens.length > MAX_TOKENS) continue;
      if (tokens.length === 1) {
        const raw = tokens[0]?.raw as string;
        if (/^[\p{Lu}\p{N}][\p{L}\p{N}]{0,5}$/u.test(raw) && (raw.match(/\p{Lu}/gu)?.length ?? 0) >= 2) {
          push(this.acronyms, raw, { kind, iri });
          continue;
        }
        const word = tokens[0]?.norm as string;
        if (word.length < 4) continue;
        if (kind !== 'organisation-type' && kind !== 'hub-type' && COMMON_WORDS.has(word)) {
          if (kind === 'sector' || kind === 'technology') push(this.commonWords, word, { kind, iri });
          continue;
        }
        if (kind === 'region' && GENERIC_REGION_WORDS.has(word)) continue;
      }
      this.addPhrase(tokens.map((t) => t.norm), { kind, iri });
      // "location based open data": a technology label's qualifier of two or more words names it without its generic head
      const head = tokens[tokens.length - 1]?.norm as string;
      if (kind === 'technology' && tokens.length >= 3 && GENERIC_TECH_HEADS.has(head)) this.addPhrase(tokens.slice(0, -1).map((t) => t.norm), { kind, iri });
    }
  }

  private addPhrase(words: string[], entry: Entry): void {
    push(this.phrases, words.join(' '), entry);
    for (let n = 1; n < words.length; n++) this.prefixes.add(words.slice(0, n).join(' '));
  }

  /** Single common words that are sector or technology labels, found in text[range]. */
  scanCommon(text: string, range: Range = { start: 0, end: text.length }): GazetteerMatch[] {
    const out: GazetteerMatch[] = [];
    for (const t of tokenize(text.slice(range.start, range.end))) {
      const entries = this.commonWords.get(t.norm) ?? (t.norm.endsWith('s') ? this.commonWords.get(t.norm.slice(0, -1)) : undefined);
      for (const e of entries ?? []) out.push({ kind: e.kind, iri: e.iri, start: range.start + t.start, end: range.start + t.end });
    }
    return out;
  }

  /** Longest non-overlapping matches in text[range], left to right. */
  scan(text: string, range: Range = { start: 0, end: text.length }, kinds?: ReadonlySet<GazetteerKind>): GazetteerMatch[] {
    const tokens = tokenize(text.slice(range.start, range.end));
    const out: GazetteerMatch[] = [];
    for (let i = 0; i < tokens.length; ) {
      let found: { entries: Entry[]; n: number } | undefined;
      let key = '';
      const keys: string[] = [];
      for (let n = 1; n <= MAX_TOKENS && i + n <= tokens.length; n++) {
        // a longer key can only match if this one starts some phrase (a plural ending changes only the last word)
        if (n > 1 && !this.prefixes.has(key)) break;
        key = n === 1 ? (tokens[i]?.norm as string) : `${key} ${tokens[i + n - 1]?.norm}`;
        keys.push(key);
      }
      for (let n = keys.length; n >= 1 && !found; n--) {
        const k = keys[n - 1] as string;
        const entries = this.phrases.get(k) ?? (k.endsWith('s') && k.length > 4 ? this.phrases.get(k.slice(0, -1)) : undefined);
        const usable = entries?.filter((e) => !kinds || kinds.has(e.kind));
        if (usable?.length) found = { entries: usable, n };
      }
      if (!found) {
        const entries = this.acronyms.get(tokens[i]?.raw as string)?.filter((e) => !kinds || kinds.has(e.kind));
        if (entries?.length) found = { entries, n: 1 };
      }
      if (found) {
        const first = tokens[i] as Token;
        const last = tokens[i + found.n - 1] as Token;
        for (const e of found.entries) out.push({ kind: e.kind, iri: e.iri, start: range.start + first.start, end: range.start + last.end });
        i += found.n;
      } else i++;
    }
    return out;
  }
}

interface Token {
  raw: string;
  norm: string;
  start: number;
  end: number;
}

/** Word tokens with offsets; `&` counts as "and", as normaliseLabel reads it. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const re = /[\p{L}\p{N}]+|&/gu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const raw = m[0];
    out.push({ raw, norm: raw === '&' ? 'and' : normaliseLabel(raw), start: m.index, end: m.index + raw.length });
  }
  return out;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (!list.some((v) => JSON.stringify(v) === JSON.stringify(value))) list.push(value);
}

const cache = new Map<string, ProseGazetteer>();

export function proseGazetteer(base?: string): ProseGazetteer {
  const concepts = loadConcepts(base);
  let g = cache.get(concepts.base);
  if (!g) cache.set(concepts.base, (g = new ProseGazetteer(concepts)));
  return g;
}
