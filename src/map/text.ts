/**
 * Every string becomes a literal through here: NFC-normalised (so the NFC and NFD spellings of one
 * name are one value) and well-formed (a lone surrogate cannot be encoded as UTF-8, so it would
 * turn into U+FFFD in one serialization and an escape in another; NUL, U+FFFE and U+FFFF are not
 * characters of any XML, so RDF/XML could not carry them).
 */
import type { Literal, NamedNode } from 'n3';
import { literal } from '../util/known-literal.js';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const NOT_IN_XML = /[\u0000\uFFFE\uFFFF]/;
const NOT_IN_XML_ALL = /[\u0000\uFFFE\uFFFF]/g;

/** NUL, U+FFFE and U+FFFF cannot appear in any XML document (RDF/XML): replaced like a lone surrogate. */
export function cleanText(value: string): string {
  const wellFormed = value.isWellFormed() ? value : value.replace(LONE_SURROGATE, '\uFFFD');
  return (NOT_IN_XML.test(wellFormed) ? wellFormed.replace(NOT_IN_XML_ALL, '\uFFFD') : wellFormed).normalize('NFC');
}

/** True when cleanText has to replace characters (lone surrogates, NUL, U+FFFE, U+FFFF): worth a warning. */
export function hasLoneSurrogate(value: string): boolean {
  return !value.isWellFormed() || NOT_IN_XML.test(value);
}

export function cleanLiteral(value: string, languageOrDatatype?: string | NamedNode): Literal {
  return literal(cleanText(value), languageOrDatatype);
}
