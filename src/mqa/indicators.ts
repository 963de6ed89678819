/**
 * The indicators of the data.europa.eu Metadata Quality Assessment (MQA), with the points the
 * portal gives each (405 in all), and the rating bands. Two indicators need the live web (the
 * portal sends HTTP requests to every access and download URL); offline we can only check that
 * such a URL points at a file of the publication with the size and checksum the catalogue states.
 */

export type Dimension = 'Findability' | 'Accessibility' | 'Interoperability' | 'Reusability' | 'Contextuality';

export interface Indicator {
  id: string;
  dimension: Dimension;
  name: string;
  /** The property the portal looks at. */
  property: string;
  points: number;
  /** Checked on each distribution (score = share of distributions that pass) or once on the dataset. */
  on: 'dataset' | 'distribution';
  /** The portal checks this live over HTTP; offline we check it against the publication folder. */
  liveWeb?: string;
}

export const INDICATORS: readonly Indicator[] = [
  { id: 'keyword', dimension: 'Findability', name: 'Keyword usage', property: 'dcat:keyword', points: 30, on: 'dataset' },
  { id: 'theme', dimension: 'Findability', name: 'Categories', property: 'dcat:theme', points: 30, on: 'dataset' },
  { id: 'spatial', dimension: 'Findability', name: 'Geo search', property: 'dct:spatial', points: 20, on: 'dataset' },
  { id: 'temporal', dimension: 'Findability', name: 'Time-based search', property: 'dct:temporal', points: 20, on: 'dataset' },
  { id: 'accessUrlStatus', dimension: 'Accessibility', name: 'AccessURL accessibility', property: 'dcat:accessURL', points: 50, on: 'distribution', liveWeb: 'HTTP status of the access URL' },
  { id: 'downloadUrl', dimension: 'Accessibility', name: 'DownloadURL', property: 'dcat:downloadURL', points: 20, on: 'distribution' },
  { id: 'downloadUrlStatus', dimension: 'Accessibility', name: 'DownloadURL accessibility', property: 'dcat:downloadURL', points: 30, on: 'distribution', liveWeb: 'HTTP status of the download URL' },
  { id: 'format', dimension: 'Interoperability', name: 'Format', property: 'dct:format', points: 20, on: 'distribution' },
  { id: 'mediaType', dimension: 'Interoperability', name: 'Media type', property: 'dcat:mediaType', points: 10, on: 'distribution' },
  { id: 'vocabulary', dimension: 'Interoperability', name: 'Format / Media type from vocabulary', property: 'dct:format, dcat:mediaType', points: 10, on: 'distribution' },
  { id: 'nonProprietary', dimension: 'Interoperability', name: 'Non-proprietary', property: 'dct:format', points: 20, on: 'distribution' },
  { id: 'machineReadable', dimension: 'Interoperability', name: 'Machine readable', property: 'dct:format', points: 20, on: 'distribution' },
  { id: 'dcatAp', dimension: 'Interoperability', name: 'DCAT-AP compliance', property: 'SHACL', points: 30, on: 'dataset' },
  { id: 'licence', dimension: 'Reusability', name: 'Licence information', property: 'dct:license', points: 20, on: 'distribution' },
  { id: 'licenceVocabulary', dimension: 'Reusability', name: 'Licence vocabulary', property: 'dct:license', points: 10, on: 'distribution' },
  { id: 'accessRights', dimension: 'Reusability', name: 'Access restrictions', property: 'dct:accessRights', points: 10, on: 'dataset' },
  { id: 'accessRightsVocabulary', dimension: 'Reusability', name: 'Access restrictions vocabulary', property: 'dct:accessRights', points: 5, on: 'dataset' },
  { id: 'contactPoint', dimension: 'Reusability', name: 'Contact point', property: 'dcat:contactPoint', points: 20, on: 'dataset' },
  { id: 'publisher', dimension: 'Reusability', name: 'Publisher', property: 'dct:publisher', points: 10, on: 'dataset' },
  { id: 'rights', dimension: 'Contextuality', name: 'Rights', property: 'dct:rights', points: 5, on: 'distribution' },
  { id: 'byteSize', dimension: 'Contextuality', name: 'File size', property: 'dcat:byteSize', points: 5, on: 'distribution' },
  { id: 'issued', dimension: 'Contextuality', name: 'Date of issue', property: 'dct:issued', points: 5, on: 'distribution' },
  { id: 'modified', dimension: 'Contextuality', name: 'Modification date', property: 'dct:modified', points: 5, on: 'distribution' },
];

export const MAX_POINTS = INDICATORS.reduce((n, i) => n + i.points, 0);

/** Rating bands of the MQA: the lowest score of each. */
export const RATINGS: readonly [number, string][] = [[351, 'Excellent'], [221, 'Good'], [121, 'Sufficient'], [0, 'Bad']];

export function rating(points: number): string {
  return (RATINGS.find(([min]) => points >= min) as [number, string])[1];
}

const FILE_TYPE = 'http://publications.europa.eu/resource/authority/file-type/';

/**
 * EU file types the MQA counts as non-proprietary and as machine-readable. These are the RDF and
 * open data formats of the portal's lists that a dih-ld publication can have; a format outside
 * them scores 0 here, which may under-score a catalogue the portal would credit.
 */
export const NON_PROPRIETARY = new Set(['RDF_TURTLE', 'JSON_LD', 'RDF_N_TRIPLES', 'RDF_N_QUADS', 'RDF_XML', 'RDF', 'N3', 'CSV', 'TSV', 'JSON', 'XML', 'ODS', 'HTML', 'TXT', 'GEOJSON', 'SPARQLQ', 'TRIG'].map((c) => FILE_TYPE + c));
export const MACHINE_READABLE = new Set(['RDF_TURTLE', 'JSON_LD', 'RDF_N_TRIPLES', 'RDF_N_QUADS', 'RDF_XML', 'RDF', 'N3', 'CSV', 'TSV', 'JSON', 'XML', 'ODS', 'XLSX', 'XLS', 'GEOJSON', 'TRIG'].map((c) => FILE_TYPE + c));
export const FILE_TYPE_SCHEME = FILE_TYPE.replace(/\/$/, '');
export const LICENCE_SCHEME = 'http://publications.europa.eu/resource/authority/licence';
export const ACCESS_RIGHT_SCHEME = 'http://publications.europa.eu/resource/authority/access-right';
export const IANA_MEDIA_TYPE = /^https?:\/\/www\.iana\.org\/assignments\/media-types\/[a-z]+\/[\w.+-]+$/;
