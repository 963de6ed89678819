/**
 * Compact JSON-LD written directly from sorted triples: the output of `jsonld.fromRDF` followed by
 * `jsonld.compact` with our context, without building the expanded document (which costs a build
 * more than all other serializations together). It implements the JSON-LD 1.1 term selection and
 * IRI compaction rules for the features a flat graph and a context like ours use: prefixes, terms
 * with `@id`, `@type` (`@id`, `@vocab` or a datatype), `@language`, and `@set` / `@language`
 * containers. A context with anything else (`@reverse`, `@list`, `@index`, scoped contexts, a
 * default `@vocab`, `@base` or `@language`) is refused, and the caller falls back to jsonld.
 * Tests compare the output with jsonld's, document for document.
 */
import type { Quad } from 'n3';
import { BoundedMap, IRI_MEMO_LIMIT } from '../util/bounded-map.js';

const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';
const GEN_DELIMS = /[:/?#[\]@]$/;

export class UnsupportedContextError extends Error {}

interface TermDefinition {
  term: string;
  iri: string;
  /** '@id', '@vocab', a datatype IRI, or undefined. */
  type?: string;
  /** A language mapping: a tag, or null for "no language". Undefined when the term has none. */
  language?: string | null;
  languageContainer: boolean;
  set: boolean;
  prefix: boolean;
}

type JsonValue = string | Record<string, unknown>;

function containerKey(d: TermDefinition): string {
  return d.languageContainer ? (d.set ? '@language@set' : '@language') : d.set ? '@set' : '@none';
}

/** Where a term sits in the inverse context's `@type` or `@language` map (undefined: not there). */
function slotOf(d: TermDefinition, map: '@type' | '@language'): string | undefined {
  if (d.type !== undefined) return map === '@type' ? d.type : undefined;
  if (d.language !== undefined) return map === '@language' ? (d.language ?? '@null') : undefined;
  return '@none';
}

/** A compactor for one context: the inverse context is built once and reused per document. */
export class JsonLdCompactor {
  private readonly aliases = { id: '@id', type: '@type', graph: '@graph' };
  private readonly byIri = new Map<string, TermDefinition[]>();
  private readonly prefixes: TermDefinition[] = [];
  private readonly terms = new Map<string, TermDefinition>();
  private readonly vocabCache = new BoundedMap<string, string>(IRI_MEMO_LIMIT);
  private readonly idCache = new BoundedMap<string, string>(IRI_MEMO_LIMIT);

  constructor(context: Record<string, unknown>) {
    for (const key of ['@vocab', '@base', '@language', '@direction', '@import', '@propagate']) {
      if (key in context) throw new UnsupportedContextError(`context key ${key} is not supported by the direct writer`);
    }
    const raw = new Map<string, { id: string; def: Record<string, unknown> | null }>();
    for (const [term, value] of Object.entries(context)) {
      if (term.startsWith('@')) continue;
      if (typeof value === 'string') raw.set(term, { id: value, def: null });
      else if (value && typeof value === 'object') {
        const def = value as Record<string, unknown>;
        for (const k of Object.keys(def)) if (!['@id', '@type', '@container', '@language', '@protected', '@prefix'].includes(k)) throw new UnsupportedContextError(`term ${term}: ${k} is not supported by the direct writer`);
        if (typeof def['@id'] !== 'string') throw new UnsupportedContextError(`term ${term} has no @id`);
        raw.set(term, { id: def['@id'], def });
      } else throw new UnsupportedContextError(`term ${term} has no definition`);
    }
    const aliasOf = new Map(Object.entries(this.aliases).map(([alias, keyword]) => [keyword, alias]));
    for (const [keyword, alias] of aliasOf) if (raw.get(alias)?.id !== keyword) throw new UnsupportedContextError(`the direct writer needs "${alias}": "${keyword}"`);
    const expand = (value: string, seen: Set<string> = new Set()): string => {
      const colon = value.indexOf(':');
      if (colon > 0) {
        const prefix = value.slice(0, colon);
        const suffix = value.slice(colon + 1);
        if (!suffix.startsWith('//') && raw.has(prefix) && !seen.has(prefix)) return expand(raw.get(prefix)!.id, new Set([...seen, prefix])) + suffix;
        return value;
      }
      const term = raw.get(value);
      return term && !seen.has(value) ? expand(term.id, new Set([...seen, value])) : value;
    };
    for (const [term, { id, def }] of raw) {
      if (id.startsWith('@')) continue; // keyword aliases
      const iri = expand(id);
      const containers = def?.['@container'] === undefined ? [] : Array.isArray(def['@container']) ? (def['@container'] as string[]) : [def['@container'] as string];
      for (const c of containers) if (c !== '@set' && c !== '@language') throw new UnsupportedContextError(`term ${term}: container ${c} is not supported by the direct writer`);
      const type = def?.['@type'] === undefined ? undefined : (def['@type'] as string);
      const definition: TermDefinition = {
        term,
        iri,
        ...(type === undefined ? {} : { type: type === '@id' || type === '@vocab' ? type : expand(type) }),
        ...(def && '@language' in def ? { language: (def['@language'] as string | null) === null ? null : String(def['@language']).toLowerCase() } : {}),
        languageContainer: containers.includes('@language'),
        set: containers.includes('@set'),
        // JSON-LD 1.1: a simple term whose IRI ends with a gen-delim, or one marked @prefix, is a prefix.
        prefix: def === null ? GEN_DELIMS.test(iri) && !term.includes(':') : def['@prefix'] === true,
      };
      this.terms.set(term, definition);
      if (definition.prefix) this.prefixes.push(definition);
      let list = this.byIri.get(iri);
      if (!list) this.byIri.set(iri, (list = []));
      list.push(definition);
    }
    // The inverse context keeps, for each entry, the shortest term, then the least in code order.
    for (const list of this.byIri.values()) list.sort((a, b) => a.term.length - b.term.length || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
  }

  /** IRI compaction with prefixes only (values of `@id`-typed terms and node `@id`s). */
  compactId(iri: string): string {
    let out = this.idCache.get(iri);
    if (out === undefined) this.idCache.set(iri, (out = this.compactWithPrefixes(iri, false)));
    return out;
  }

  /** IRI compaction where terms are allowed too, for an IRI without a value (`@type` values, datatypes). */
  compactVocab(iri: string): string {
    let out = this.vocabCache.get(iri);
    if (out === undefined) {
      const term = this.selectTerm(iri, ['@set', '@none'], '@type', ['@id', '@none']);
      this.vocabCache.set(iri, (out = term ? term.term : this.compactWithPrefixes(iri, false)));
    }
    return out;
  }

  /** A compact IRI `prefix:suffix`, shortest then least; a candidate that is a term is usable only for an IRI without a value, and only when it means the same. */
  private compactWithPrefixes(iri: string, withValue: boolean): string {
    let best: string | undefined;
    for (const p of this.prefixes) {
      if (!iri.startsWith(p.iri) || iri.length === p.iri.length) continue;
      const candidate = `${p.term}:${iri.slice(p.iri.length)}`;
      const clash = this.terms.get(candidate);
      if (clash && (withValue || clash.iri !== iri)) continue;
      if (best === undefined || candidate.length < best.length || (candidate.length === best.length && candidate < best)) best = candidate;
    }
    return best ?? iri;
  }

  /**
   * Term selection of JSON-LD 1.1 (the inverse context walked in container, then preference,
   * order). A term sits in one container entry; in the `@type` map under its type mapping, in the
   * `@language` map under its language mapping, or, with neither, under `@none` in both.
   */
  private selectTerm(iri: string, containers: readonly string[], typeOrLanguage: '@type' | '@language', preferences: readonly string[]): TermDefinition | undefined {
    const candidates = this.byIri.get(iri);
    if (!candidates) return undefined;
    for (const container of containers) {
      for (const preference of preferences) {
        const term = candidates.find((d) => containerKey(d) === container && slotOf(d, typeOrLanguage) === preference);
        if (term) return term;
      }
    }
    return undefined;
  }

  /** The term (or compact IRI) and the compacted value for one object of `predicate`. */
  private select(predicate: string, object: Quad['object']): { key: string; value: JsonValue; definition?: TermDefinition } {
    let chosen: TermDefinition | undefined;
    if (object.termType === 'NamedNode' || object.termType === 'BlankNode') {
      const id = object.termType === 'BlankNode' ? `_:${object.value}` : object.value;
      const asTerm = this.byIri.has(id) ? this.compactVocab(id) : undefined;
      const preferences = asTerm !== undefined && this.terms.get(asTerm)?.iri === id ? ['@vocab', '@id', '@none'] : ['@id', '@vocab', '@none'];
      chosen = this.selectTerm(predicate, ['@id', '@id@set', '@type', '@set@type', '@set', '@none'], '@type', preferences);
    } else if (object.termType === 'Literal' && object.language) {
      chosen = this.selectTerm(predicate, ['@language', '@language@set', '@set', '@none'], '@language', [object.language, '@none']);
    } else if (object.termType === 'Literal' && object.datatype.value !== XSD_STRING) {
      chosen = this.selectTerm(predicate, ['@set', '@none'], '@type', [object.datatype.value, '@none']);
    } else {
      // A plain string may go under @none of a language map, as the last resort.
      chosen = this.selectTerm(predicate, ['@set', '@none', '@language', '@language@set'], '@language', ['@null', '@none']);
    }
    if (chosen) return { key: chosen.term, value: this.valueFor(object, chosen), definition: chosen };
    return { key: this.compactWithPrefixes(predicate, true), value: this.valueFor(object, undefined) };
  }

  private valueFor(object: Quad['object'], d: TermDefinition | undefined): JsonValue {
    if (object.termType === 'NamedNode' || object.termType === 'BlankNode') {
      const id = object.termType === 'BlankNode' ? `_:${object.value}` : object.value;
      if (d?.type === '@id') return this.compactId(id);
      if (d?.type === '@vocab') return this.compactVocab(id);
      return { id: this.compactId(id) };
    }
    if (object.termType !== 'Literal') throw new Error(`cannot write a ${object.termType} as JSON-LD`);
    if (object.language) {
      if (d?.languageContainer || (d && d.language === object.language.toLowerCase())) return object.value;
      return { '@language': object.language, '@value': object.value };
    }
    const datatype = object.datatype.value;
    if (datatype === XSD_STRING) return object.value;
    if (d?.type === datatype) return object.value;
    // Keywords inside value objects are written with their aliases (`type`), as jsonld does.
    return { type: this.compactVocab(datatype), '@value': object.value };
  }

  /** One node object from the triples of one subject (in output order). */
  node(subject: Quad['subject'], triples: readonly Quad[]): Record<string, unknown> {
    const node: Record<string, unknown> = { id: subject.termType === 'BlankNode' ? `_:${subject.value}` : this.compactId(subject.value) };
    const types: string[] = [];
    const properties = new Map<string, { definition?: TermDefinition; values: JsonValue[]; languages?: Map<string, string[]> }>();
    const add = (q: Quad) => {
      const { key, value, definition } = this.select(q.predicate.value, q.object);
      let entry = properties.get(key);
      if (!entry) properties.set(key, (entry = definition ? { definition, values: [] } : { values: [] }));
      if (definition?.languageContainer && q.object.termType === 'Literal') {
        entry.languages ??= new Map();
        const lang = q.object.language || '@none';
        const list = entry.languages.get(lang);
        if (list) list.push(value as string);
        else entry.languages.set(lang, [value as string]);
      } else entry.values.push(value);
    };
    // An rdf:type with a literal object is an ordinary property: it takes its place by IRI.
    const literalTypes: Quad[] = [];
    for (const q of triples) {
      if (q.predicate.value === RDF_TYPE) {
        if (q.object.termType === 'Literal') literalTypes.push(q);
        else types.push(q.object.termType === 'BlankNode' ? `_:${q.object.value}` : this.compactVocab(q.object.value));
        continue;
      }
      if (literalTypes.length && q.predicate.value > RDF_TYPE) literalTypes.splice(0).forEach(add);
      add(q);
    }
    literalTypes.splice(0).forEach(add);
    if (types.length) node.type = types.length === 1 ? types[0] : types;
    // Keys in the order jsonld writes them: by expanded property (the triples' order), first use first.
    for (const [key, { definition, values, languages }] of properties) {
      const set = definition?.set ?? false;
      if (languages) {
        const map: Record<string, string | string[]> = {};
        for (const [lang, list] of languages) map[lang] = set || list.length > 1 ? list : list[0]!;
        node[key] = map;
      } else node[key] = set || values.length > 1 ? values : values[0];
    }
    return node;
  }
}
