/**
 * The SPARQL 1.1 Service Description of the endpoint (sd:Service), answered at /sparql when no
 * query is given. Every node is an IRI (no blank nodes), minted from the endpoint URL.
 */
import { DataFactory, type Quad } from 'n3';
import type { QuadIndex } from '../query/quad-index.js';
import { formats, rdf, sd } from '../vocab/namespaces.js';

const { namedNode, quad } = DataFactory;

export function serviceDescription(endpoint: string, store: QuadIndex, federated: boolean): Quad[] {
  const out: Quad[] = [];
  const link = (s: string, p: string, o: string): void => void out.push(quad(namedNode(s), namedNode(p), namedNode(o)));
  const dataset = `${endpoint}#dataset`;
  const defaultGraph = `${endpoint}#default-graph`;
  link(endpoint, rdf.type, sd.Service);
  link(endpoint, sd.endpoint, endpoint);
  link(endpoint, sd.supportedLanguage, sd.SPARQL11Query);
  for (const f of [formats.SPARQL_Results_JSON, formats.SPARQL_Results_XML, formats.SPARQL_Results_CSV, formats.SPARQL_Results_TSV, formats.Turtle, formats['JSON-LD'], formats['N-Triples']]) link(endpoint, sd.resultFormat, f);
  link(endpoint, sd.feature, sd.UnionDefaultGraph);
  if (federated) link(endpoint, sd.feature, sd.BasicFederatedQuery);
  link(endpoint, sd.defaultDataset, dataset);
  link(dataset, rdf.type, sd.Dataset);
  link(dataset, sd.defaultGraph, defaultGraph);
  link(defaultGraph, rdf.type, sd.Graph);
  for (const graph of store.getGraphs(null, null, null)) {
    if (graph.termType !== 'NamedNode') continue;
    link(dataset, sd.namedGraph, graph.value);
    link(graph.value, rdf.type, sd.NamedGraph);
    link(graph.value, sd.name, graph.value);
  }
  return out;
}
