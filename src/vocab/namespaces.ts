/**
 * Vocabulary terms as typed constant namespaces: a misspelt term is a compile error.
 * Only terms the project uses are listed; add a term here before using it anywhere.
 */

function terms<const T extends readonly string[]>(base: string, names: T): { readonly [K in T[number]]: string } & { readonly $base: string } {
  const out: Record<string, string> = { $base: base };
  for (const name of names) out[name] = base + name;
  return out as { readonly [K in T[number]]: string } & { readonly $base: string };
}

/** Our own ontology namespace: fixed, independent of the publication base. */
export const DIH_NS = 'https://w3id.org/dih/ns#';
/** Default base for instance data (hubs, organisations, concepts, sources). */
export const DEFAULT_BASE = 'https://w3id.org/dih/';

export const dih = terms(DIH_NS, [
  'DigitalInnovationHub', 'Initiative', 'SourceRecord',
  'status', 'hubType', 'sector', 'technology', 'service',
  'organisationType', 'memberType', 'memberSector',
  'country', 'region', 'onBehalfOf', 'contributesTo', 'officiallyRecognisedIn',
  'level', 'recordLine', 'sourceFile', 'confidence',
  // merge of registries: links of a canonical hub to its source records, and conflicts between them
  'Conflict', 'conflictOn', 'conflictProperty', 'claim', 'matchScore', 'matchEvidence',
] as const);

export const rdf = terms('http://www.w3.org/1999/02/22-rdf-syntax-ns#', ['type', 'langString', 'Statement', 'subject', 'predicate', 'object', 'first', 'rest', 'nil'] as const);
export const rdfs = terms('http://www.w3.org/2000/01/rdf-schema#', ['label', 'comment', 'seeAlso', 'subClassOf', 'subPropertyOf', 'domain', 'range'] as const);
export const xsd = terms('http://www.w3.org/2001/XMLSchema#', ['string', 'integer', 'decimal', 'boolean', 'date', 'dateTime', 'anyURI', 'nonNegativeInteger', 'hexBinary', 'gYearMonth'] as const);
export const owl = terms('http://www.w3.org/2002/07/owl#', ['Ontology', 'Class', 'ObjectProperty', 'DatatypeProperty', 'versionIRI', 'sameAs'] as const);
export const skos = terms('http://www.w3.org/2004/02/skos/core#', [
  'Concept', 'ConceptScheme', 'prefLabel', 'altLabel', 'hiddenLabel', 'notation', 'definition',
  'inScheme', 'topConceptOf', 'hasTopConcept', 'broader', 'narrower',
  'exactMatch', 'closeMatch', 'broadMatch', 'narrowMatch', 'relatedMatch',
] as const);
export const org = terms('http://www.w3.org/ns/org#', [
  'Organization', 'FormalOrganization', 'OrganizationalCollaboration', 'Membership',
  'member', 'organization', 'role', 'linkedTo', 'memberOf', 'subOrganizationOf', 'hasSubOrganization',
] as const);
export const dcterms = terms('http://purl.org/dc/terms/', [
  'title', 'description', 'identifier', 'source', 'isPartOf', 'hasPart', 'spatial', 'type',
  'issued', 'modified', 'license', 'rights', 'publisher', 'creator', 'conformsTo',
] as const);
export const foaf = terms('http://xmlns.com/foaf/0.1/', ['homepage', 'page', 'name'] as const);
export const prov = terms('http://www.w3.org/ns/prov#', [
  'Entity', 'Activity', 'Agent', 'wasDerivedFrom', 'wasAttributedTo', 'wasGeneratedBy',
  'hadPrimarySource', 'generatedAtTime', 'atLocation', 'value',
  'qualifiedDerivation', 'Derivation', 'entity',
] as const);
export const oa = terms('http://www.w3.org/ns/oa#', [
  'Annotation', 'SpecificResource', 'TextQuoteSelector', 'TextPositionSelector',
  'hasTarget', 'hasBody', 'hasSource', 'hasSelector', 'exact', 'prefix', 'suffix', 'start', 'end', 'describing',
  'motivatedBy',
] as const);
export const sh = terms('http://www.w3.org/ns/shacl#', [
  'ValidationReport', 'ValidationResult', 'conforms', 'result', 'focusNode', 'resultPath', 'value',
  'resultSeverity', 'resultMessage', 'sourceShape', 'sourceConstraintComponent',
  'Violation', 'Warning', 'Info',
  // what decides how far a shape looks from its focus node (validation in chunks)
  'NodeShape', 'targetClass', 'targetNode', 'targetObjectsOf', 'targetSubjectsOf', 'target', 'sparql',
  'path', 'property', 'node', 'class', 'qualifiedValueShape', 'not', 'and', 'or', 'xone',
  'inversePath', 'alternativePath', 'zeroOrMorePath', 'oneOrMorePath', 'zeroOrOnePath',
] as const);
export const schema = terms('https://schema.org/', ['Organization', 'name', 'url'] as const);

// The publication (DCAT-AP 3.0 catalogue, VoID) and its EU authority tables.
export const dcat = terms('http://www.w3.org/ns/dcat#', [
  'Catalog', 'Dataset', 'Distribution', 'DataService', 'dataset', 'distribution', 'service',
  'accessURL', 'downloadURL', 'mediaType', 'byteSize', 'accessService', 'endpointURL', 'endpointDescription',
  'servesDataset', 'contactPoint', 'keyword', 'theme', 'themeTaxonomy', 'landingPage', 'startDate', 'endDate',
] as const);
export const dcatap = terms('http://data.europa.eu/r5r/', ['availability'] as const);
export const dct = terms('http://purl.org/dc/terms/', [
  'format', 'language', 'accessRights', 'accrualPeriodicity', 'temporal',
  'LicenseDocument', 'RightsStatement', 'Location', 'PeriodOfTime', 'Standard', 'MediaType',
  'MediaTypeOrExtent', 'LinguisticSystem', 'Frequency',
] as const);
export const vcard = terms('http://www.w3.org/2006/vcard/ns#', ['Kind', 'Organization', 'fn', 'hasEmail', 'hasURL', 'Individual', 'hasTelephone'] as const);
/** ISA Core Location vocabulary: postal addresses of hubs (registry exports). */
export const locn = terms('http://www.w3.org/ns/locn#', ['Address', 'address', 'fullAddress', 'thoroughfare', 'postName', 'postCode', 'adminUnitL1', 'adminUnitL2'] as const);
export const spdx = terms('http://spdx.org/rdf/terms#', ['Checksum', 'ChecksumAlgorithm', 'checksum', 'algorithm', 'checksumValue'] as const);
export const foafPub = terms('http://xmlns.com/foaf/0.1/', ['Agent', 'Document', 'Organization'] as const);
export const voidNs = terms('http://rdfs.org/ns/void#', [
  'Dataset', 'Linkset', 'triples', 'entities', 'classes', 'properties', 'distinctSubjects', 'distinctObjects',
  'dataDump', 'sparqlEndpoint', 'vocabulary', 'uriSpace', 'exampleResource', 'rootResource',
  'classPartition', 'propertyPartition', 'class', 'property', 'subset', 'target', 'linkPredicate', 'subjectsTarget', 'objectsTarget', 'feature',
] as const);
/** SPARQL 1.1 Service Description (the server's description of its endpoint). */
export const sd = terms('http://www.w3.org/ns/sparql-service-description#', [
  'Service', 'Dataset', 'Graph', 'NamedGraph', 'endpoint', 'supportedLanguage', 'SPARQL11Query', 'resultFormat',
  'feature', 'UnionDefaultGraph', 'BasicFederatedQuery', 'defaultDataset', 'defaultGraph', 'namedGraph', 'name', 'graph',
] as const);
/** W3C unique URIs for file formats (sd:resultFormat values). */
export const formats = terms('http://www.w3.org/ns/formats/', [
  'SPARQL_Results_JSON', 'SPARQL_Results_XML', 'SPARQL_Results_CSV', 'SPARQL_Results_TSV', 'Turtle', 'JSON-LD', 'N-Triples',
] as const);

/** Authority tables and code lists we link to (never dereferenced). */
export const EU_COUNTRY = 'http://publications.europa.eu/resource/authority/country/';
export const NUTS = 'http://data.europa.eu/nuts/code/';
export const NACE2 = 'http://data.europa.eu/ux2/nace2/';

/** Prefixes used when writing Turtle and building the JSON-LD context, in output order. */
export const PREFIXES: Readonly<Record<string, string>> = {
  dih: DIH_NS,
  rdf: rdf.$base,
  rdfs: rdfs.$base,
  xsd: xsd.$base,
  owl: owl.$base,
  skos: skos.$base,
  org: org.$base,
  dcterms: dcterms.$base,
  foaf: foaf.$base,
  prov: prov.$base,
  oa: oa.$base,
  sh: sh.$base,
  eucountry: EU_COUNTRY,
  nuts: NUTS,
  nace: NACE2,
};

/** PREFIXES plus prefixes for our own IRIs under a publication base, for pretty Turtle. */
export function prefixesFor(base: string): Record<string, string> {
  return {
    ...PREFIXES,
    hub: `${base}hub/`,
    dihorg: `${base}org/`,
    initiative: `${base}initiative/`,
    source: `${base}source/`,
    membership: `${base}membership/`,
    status: `${base}concept/status/`,
    hubtype: `${base}concept/hub-type/`,
    role: `${base}concept/role/`,
    orgtype: `${base}concept/organisation-type/`,
    sector: `${base}concept/sector/`,
    tech: `${base}concept/technology/`,
    service: `${base}concept/service/`,
  };
}
