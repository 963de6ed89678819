/**
 * The terms of the quad index: how a term is keyed in its dictionary, and stored and given back
 * in its table (the dictionary of triple-transfer.ts, plus the default graph).
 */
import { DataFactory, type Term } from 'n3';
import { decodeTerm, type EncodedTerm } from '../util/triple-transfer.js';

/** A term of the index: the dictionary of triple-transfer plus the default graph. */
export type IndexedTerm = EncodedTerm | ['D'];

/** The dictionary key of a term: an IRI's value as it is (most terms), others prefixed by U+0001 (never in an IRI) and their kind. */
export function keyOf(t: Term): string | undefined {
  switch (t.termType) {
    case 'NamedNode': return t.value;
    case 'BlankNode': return `\u0001B${t.value}`;
    case 'Literal': return `\u0001L${t.value}\u0001${t.language}\u0001${t.language ? '' : t.datatype.value}`;
    case 'DefaultGraph': return '\u0001D';
    default: return undefined; // variables and quoted triples are never stored
  }
}

export function keyOfEncoded(t: IndexedTerm): string {
  if (t[0] === 'I') return t[1];
  if (t[0] === 'B') return `\u0001B${t[1]}`;
  if (t[0] === 'D') return '\u0001D';
  return `\u0001L${t[1]}\u0001${t[2]}\u0001${t[2] ? '' : t[3]}`;
}

export function encode(t: Term): IndexedTerm {
  switch (t.termType) {
    case 'NamedNode': return ['I', t.value];
    case 'BlankNode': return ['B', t.value];
    case 'Literal': return ['L', t.value, t.language, t.language ? '' : t.datatype.value];
    case 'DefaultGraph': return ['D'];
    default: throw new TypeError(`a ${t.termType} cannot be stored in a quad index`);
  }
}

export function decode(t: IndexedTerm): Term {
  return t[0] === 'D' ? DataFactory.defaultGraph() : decodeTerm(t);
}

