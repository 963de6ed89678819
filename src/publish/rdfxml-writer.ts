/**
 * RDF/XML writer (RDF 1.1 XML Syntax, https://www.w3.org/TR/rdf-syntax-grammar/), straight from a
 * term table: one node element per subject, typed by its first rdf:type when that class has a
 * prefixed name, one property element per statement.
 *
 * Written here rather than with rdflib's serializer because that one took ~3 s of a build's CPU
 * for 142k triples (with workarounds for its escaping); this writes the same graph in a tenth.
 * rdflib's parser and rdfxml-streaming-parser check the output in the tests.
 *
 * Escaping: element content escapes `&`, `<` and `>` (`]]>` may not appear), `\r` (an XML parser
 * would turn it into `\n`), U+007F-U+009F and U+2028 as character references (XML 1.1 parsers
 * normalise U+0085 and U+2028 to line feeds, and want C1 controls as references). The C0 controls
 * other than tab and line feed exist only as references in XML 1.1, so a document that needs one
 * is declared XML 1.1. U+0000, U+FFFE, U+FFFF and lone surrogates are in no XML: refused, naming
 * the statement.
 */
import { checkIri } from '../map/iri.js';

const RDF_NS = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const RDF_TYPE = `${RDF_NS}type`;
const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';

/** A term as [kind, value, language, datatype]: I (IRI), B (blank node), L (literal; '' when absent). */
export type TableTerm = readonly ['I' | 'B', string] | readonly ['L', string, string, string];

/** Triples as ids into a term table, three per triple, grouped by subject. */
export interface TermTable {
  terms: readonly TableTerm[];
  ids: ArrayLike<number>;
}

export class RdfXmlError extends Error {
  constructor(message: string) {
    super(message);
    // Named, so that a worker's error (which crosses as name and message) comes back as this class.
    this.name = 'RdfXmlError';
  }
}

/** The grammar's coreSyntaxTerms and oldTerms: never an element name for a node or a property. */
const SYNTAX_TERMS = ['RDF', 'ID', 'about', 'parseType', 'resource', 'nodeID', 'datatype', 'aboutEach', 'aboutEachPrefix', 'bagID'];
/**
 * Predicates refused: the syntax terms, rdf:Description (not a property element), and rdf:li,
 * which a parser renumbers (rdf:_1, rdf:_2...), so it would not read back as written.
 */
const NOT_PROPERTY = new Set([...SYNTAX_TERMS, 'Description', 'li'].map((n) => RDF_NS + n));
/** Classes never used as a typed node's element: the syntax terms, rdf:li, and rdf:Description (the untyped element). */
const NOT_NODE = new Set([...SYNTAX_TERMS, 'li', 'Description'].map((n) => RDF_NS + n));

const NAME_START = 'A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}';
const NAME_CHAR = `${NAME_START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F\\u2040`;
/** The longest tail of an IRI that is an XML name without colon (NCName): the local part of a QName. */
const LOCAL_NAME = new RegExp(`[${NAME_START}][${NAME_CHAR}]*$`, 'u');
const NCNAME = new RegExp(`^[${NAME_START}][${NAME_CHAR}]*$`, 'u');

// Characters outside XML 1.0 Char (C0 but tab/LF/CR, U+FFFE/FFFF, lone surrogates) and those written as references.
const TEXT_SPECIAL = /[&<>\r\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\uFFFE\uFFFF\uD800-\uDFFF]/;
const TEXT_SPECIAL_ALL = /[&<>\r\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\uFFFE\uFFFF]|[\uD800-\uDBFF][\uDC00-\uDFFF]|[\uD800-\uDFFF]/g;
const ATTRIBUTE_SPECIAL = /[&<>"\t\n\r]/;
const ATTRIBUTE_SPECIAL_ALL = /[&<>"\t\n\r]/g;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

function reference(c: string): string {
  return `&#x${c.charCodeAt(0).toString(16).toUpperCase()};`;
}

function attribute(value: string): string {
  return ATTRIBUTE_SPECIAL.test(value) ? value.replace(ATTRIBUTE_SPECIAL_ALL, (c) => ENTITIES[c] ?? reference(c)) : value;
}

/** Element content for a literal's value; `c0` is told when a C0 control needs XML 1.1. */
function text(value: string, where: () => string, c0: () => void): string {
  if (!TEXT_SPECIAL.test(value)) return value;
  return value.replace(TEXT_SPECIAL_ALL, (c) => {
    if (c.length === 2) return c; // a surrogate pair: one character beyond the BMP
    const code = c.charCodeAt(0);
    if (code === 0 || code === 0xfffe || code === 0xffff || (code >= 0xd800 && code <= 0xdfff)) {
      throw new RdfXmlError(`${where()}: the literal ${JSON.stringify(value.slice(0, 60))} holds ${code >= 0xd800 && code <= 0xdfff ? 'a lone surrogate' : `U+${code.toString(16).toUpperCase().padStart(4, '0')}`}, which no XML document can carry (U+0000, U+FFFE, U+FFFF and lone surrogates are not XML characters)`);
    }
    if (code < 0x20) c0();
    return ENTITIES[c] ?? reference(c);
  });
}

/** Prefixes readers know, for namespaces the caller gave none: dcat:Dataset reads better than ns1:Dataset. */
const WELL_KNOWN: Readonly<Record<string, string>> = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dcterms: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  locn: 'http://www.w3.org/ns/locn#',
  org: 'http://www.w3.org/ns/org#',
  owl: 'http://www.w3.org/2002/07/owl#',
  prov: 'http://www.w3.org/ns/prov#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  schema: 'http://schema.org/',
  sh: 'http://www.w3.org/ns/shacl#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  void: 'http://rdfs.org/ns/void#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
};

/** A namespace per prefix: the given ones where they fit, well-known or made-up ones (ns1, ns2...) for the rest. */
class QNames {
  private readonly byNamespace = new Map<string, string>();
  private readonly taken = new Set<string>(['xml', 'xmlns']);
  /** Prefixes used so far, for the root element's declarations. */
  readonly used = new Map<string, string>([['rdf', RDF_NS]]);
  private made = 0;

  constructor(prefixes: Readonly<Record<string, string>>) {
    this.byNamespace.set(RDF_NS, 'rdf');
    this.taken.add('rdf');
    for (const [prefix, ns] of Object.entries(prefixes)) {
      if (!NCNAME.test(prefix) || /^xml/i.test(prefix) || this.taken.has(prefix) || this.byNamespace.has(ns)) continue;
      this.byNamespace.set(ns, prefix);
      this.taken.add(prefix);
    }
    this.wellKnown = new Map(Object.entries(WELL_KNOWN).filter(([p, ns]) => !this.taken.has(p) && !this.byNamespace.has(ns)).map(([p, ns]) => [ns, p]));
  }

  private readonly wellKnown: Map<string, string>;

  /** `prefix:local`, or undefined when the IRI ends in no XML name; `declaredOnly` never makes a prefix up. */
  of(iri: string, declaredOnly = false): string | undefined {
    const local = LOCAL_NAME.exec(iri);
    if (!local) return undefined;
    const ns = iri.slice(0, local.index);
    if (ns === '') return undefined;
    let prefix = this.byNamespace.get(ns);
    if (prefix === undefined) {
      if (declaredOnly) return undefined;
      prefix = this.wellKnown.get(ns);
      if (prefix === undefined) {
        do prefix = `ns${++this.made}`;
        while (this.taken.has(prefix));
      }
      this.taken.add(prefix);
      this.byNamespace.set(ns, prefix);
    }
    this.used.set(prefix, ns);
    return `${prefix}:${local[0]}`;
  }
}

/** What ends an RDF/XML document after its node elements. */
export const RDF_XML_FOOTER = '</rdf:RDF>\n';

/**
 * RDF/XML of the triples of a term table, in the table's order. Subjects come grouped (as
 * publication order has them); a subject that comes back later gets a second node element, which
 * means the same graph.
 */
export function writeRdfXml(table: TermTable, prefixes: Readonly<Record<string, string>> = {}): string {
  const writer = new RdfXmlBodyWriter(prefixes);
  const body = writer.write(table);
  return `${writer.header()}${body}${RDF_XML_FOOTER}`;
}

/**
 * The node elements of a document written in batches, each batch a term table of its own: the
 * root element declares the prefixes and XML version the whole body needed, so it is made last
 * (`header`), and a file streamed this way puts it before the body once every batch is written.
 * Prefixes (made-up ns1, ns2... included) and blank node labels hold across batches; what is
 * cached by term id holds for one batch, as ids mean nothing outside their table.
 */
export class RdfXmlBodyWriter {
  private readonly qnames: QNames;
  /** Blank node labels need not be XML names: each gets one of ours, the same in every batch. */
  private readonly blankLabels = new Map<string, string>();
  private xml11 = false;

  constructor(prefixes: Readonly<Record<string, string>> = {}) {
    this.qnames = new QNames(prefixes);
  }

  /** The XML declaration and root element's start for the batches written so far. */
  header(): string {
    const declarations = [...this.qnames.used].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([p, ns]) => `\n xmlns:${p}="${attribute(ns)}"`).join('');
    return `<?xml version="${this.xml11 ? '1.1' : '1.0'}" encoding="utf-8"?>\n<rdf:RDF${declarations}>\n`;
  }

  /** The node elements of one batch's triples. */
  write(table: TermTable): string {
    const { terms, ids } = table;
    const { qnames, blankLabels } = this;
    const describe = (i: number): string => {
      const show = (id: number): string => {
        const t = terms[id]!;
        return t[0] === 'I' ? `<${t[1]}>` : t[0] === 'B' ? `_:${t[1]}` : JSON.stringify(t[1].slice(0, 60));
      };
      return `${show(ids[i]!)} ${show(ids[i + 1]!)}`;
    };

    // Per term id, what the writer needs of it, made once: IRIs repeat on every hub.
    const resource = new Array<string | undefined>(terms.length);
    const nodeRef = (id: number, at: number): string => {
      let written = resource[id];
      if (written === undefined) {
        const t = terms[id]!;
        if (t[0] === 'I') written = `rdf:about="${attribute(checkIri(t[1]))}"`;
        else if (t[0] === 'B') {
          let label = blankLabels.get(t[1]);
          if (label === undefined) blankLabels.set(t[1], (label = `b${blankLabels.size + 1}`));
          written = `rdf:nodeID="${label}"`;
        } else throw new RdfXmlError(`${describe(at)}: a literal cannot be a subject`);
        resource[id] = written;
      }
      return written;
    };
    const propertyName = new Map<number, string>();
    const property = (id: number, at: number): string => {
      let name = propertyName.get(id);
      if (name === undefined) {
        const t = terms[id]!;
        if (t[0] !== 'I') throw new RdfXmlError(`${describe(at)}: the predicate is not an IRI`);
        const iri = checkIri(t[1]);
        if (NOT_PROPERTY.has(iri)) throw new RdfXmlError(`${describe(at)}: <${iri}> is a syntax name of RDF/XML and cannot be written as a property`);
        name = qnames.of(iri);
        if (name === undefined) throw new RdfXmlError(`${describe(at)}: the predicate <${iri}> does not end in an XML name, so RDF/XML cannot write it`);
        propertyName.set(id, name);
      }
      return name;
    };
    const className = new Map<number, string | null>();
    const nodeName = (id: number): string | null => {
      let name = className.get(id);
      if (name === undefined) {
        const t = terms[id]!;
        name = t[0] === 'I' && !NOT_NODE.has(t[1]) ? qnames.of(t[1], true) ?? null : null;
        className.set(id, name);
      }
      return name;
    };
    const typeId = terms.findIndex((t) => t[0] === 'I' && t[1] === RDF_TYPE);

    // Property names first, so that a class can take a prefix a later property of the batch made
    // up (in one batch, the whole document: as a one-shot document always did).
    for (let i = 1; i < ids.length; i += 3) property(ids[i]!, i - 1);

    const needsXml11 = (): void => {
      this.xml11 = true;
    };
    const out: string[] = [];
    let i = 0;
    while (i < ids.length) {
      const subject = ids[i]!;
      let end = i + 3;
      while (end < ids.length && ids[end] === subject) end += 3;
      // Typed node element: the subject's first rdf:type whose class has a prefixed name.
      let element = 'rdf:Description';
      let typedBy = -1;
      for (let k = i; k < end; k += 3) {
        if (ids[k + 1] !== typeId) continue;
        const name = nodeName(ids[k + 2]!);
        if (name !== null) {
          element = name;
          typedBy = k;
          break;
        }
      }
      if (typedBy === i && end === i + 3) {
        // Only its type: an empty element (whitespace inside would read as an rdf:value to rdflib's parser).
        out.push(`    <${element} ${nodeRef(subject, i)}/>\n`);
        i = end;
        continue;
      }
      out.push(`    <${element} ${nodeRef(subject, i)}>\n`);
      for (let k = i; k < end; k += 3) {
        if (k === typedBy) continue;
        const name = property(ids[k + 1]!, k);
        const o = terms[ids[k + 2]!]!;
        if (o[0] === 'L') {
          const attr = o[2] ? ` xml:lang="${attribute(o[2])}"` : o[3] && o[3] !== XSD_STRING ? ` rdf:datatype="${attribute(checkIri(o[3]))}"` : '';
          out.push(`        <${name}${attr}>${text(o[1], () => describe(k), needsXml11)}</${name}>\n`);
        } else {
          const ref = nodeRef(ids[k + 2]!, k);
          out.push(`        <${name} ${ref.startsWith('rdf:about') ? `rdf:resource${ref.slice(9)}` : ref}/>\n`);
        }
      }
      out.push(`    </${element}>\n`);
      i = end;
    }
    return out.join('');
  }
}
