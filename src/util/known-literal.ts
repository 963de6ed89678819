/**
 * Literals whose value, language and datatype are fields, not getters. N3's Literal keeps only its
 * id ('"text"@en') and cuts the value, the language (after scanning the whole text from its end for
 * a direction) and a new datatype NamedNode out of it at every read; a build reads them again and
 * again (sorting, N-Triples, Turtle, JSON-LD, pages, VoID), which at 10,000 hubs cost about a
 * second of each of its two busiest threads, and the garbage with it. These are N3 Literals
 * still: same id, same equals, accepted wherever N3 takes its own terms.
 */
import { DataFactory, Literal, NamedNode } from 'n3';

const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';
const RDF_LANG_STRING = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#langString';

/** One NamedNode per datatype: literals share it instead of making one at each read. */
const datatypes = new Map<string, NamedNode>();
function datatypeNode(iri: string): NamedNode {
  let node = datatypes.get(iri);
  if (!node) datatypes.set(iri, (node = DataFactory.namedNode(iri)));
  return node;
}

class KnownLiteral extends Literal {
  // Own data properties, defined (not assigned) over the getters of N3's Literal.
  override readonly value: string;
  override readonly language: string;
  override readonly datatype: NamedNode;

  constructor(id: string, value: string, language: string, datatype: NamedNode) {
    super(id);
    this.value = value;
    this.language = language;
    this.datatype = datatype;
  }
}

/**
 * DataFactory.literal for a string value: a language tag (lower-cased, as N3 does) or a datatype
 * (none, or xsd:string, is a simple literal).
 */
export function literal(value: string, languageOrDatatype?: string | NamedNode): Literal {
  if (typeof languageOrDatatype === 'string') {
    const language = languageOrDatatype.toLowerCase();
    return new KnownLiteral(`"${value}"@${language}`, value, language, datatypeNode(RDF_LANG_STRING));
  }
  const datatype = languageOrDatatype?.value || XSD_STRING;
  return new KnownLiteral(datatype === XSD_STRING ? `"${value}"` : `"${value}"^^${datatype}`, value, '', datatypeNode(datatype));
}
