/**
 * Every string becomes a literal through here: NFC-normalised (so the NFC and NFD spellings of one
 * name are one value) and well-formed (a lone surrogate cannot be encoded as UTF-8, so it would
 * turn into U+FFFD in one serialization and an escape in another; NUL is refused by XML).
 */
import { DataFactory, type Literal, type NamedNode } from 'n3';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** NUL cannot appear in any XML document (RDF/XML), so it is replaced like a lone surrogate. */
export function cleanText(value: string): string {
  const wellFormed = value.isWellFormed() ? value : value.replace(LONE_SURROGATE, '\uFFFD');
  return (wellFormed.includes('\u0000') ? wellFormed.replace(/\u0000/g, '\uFFFD') : wellFormed).normalize('NFC');
}

/** True when cleanText has to replace characters (lone surrogates, NUL): worth a warning. */
export function hasLoneSurrogate(value: string): boolean {
  return !value.isWellFormed() || value.includes('\u0000');
}

export function cleanLiteral(value: string, languageOrDatatype?: string | NamedNode): Literal {
  return DataFactory.literal(cleanText(value), languageOrDatatype);
}
