/**
 * The RDF dataset of one protocol request. Without `default-graph-uri`/`named-graph-uri` the
 * loaded store is used as it is, with the union of its graphs as default graph. With them, a view
 * is built (SPARQL 1.1 Protocol §2.1.4): the named default graphs merged into the default graph,
 * the named graphs kept under their names, nothing else.
 */
import { DataFactory } from 'n3';
import { queryStore, type QueryStore } from '../query/engine.js';

export interface DatasetRequest { defaultGraphs: string[]; namedGraphs: string[] }

export function datasetView(store: QueryStore, request: DatasetRequest): { store: QueryStore; unionDefaultGraph: boolean } {
  if (!request.defaultGraphs.length && !request.namedGraphs.length) return { store, unionDefaultGraph: true };
  const quads = [];
  for (const g of new Set(request.defaultGraphs)) {
    for (const q of store.getQuads(null, null, null, DataFactory.namedNode(g))) quads.push(DataFactory.quad(q.subject, q.predicate, q.object, DataFactory.defaultGraph()));
  }
  for (const g of new Set(request.namedGraphs)) quads.push(...store.getQuads(null, null, null, DataFactory.namedNode(g)));
  const view = queryStore(quads);
  return { store: view, unionDefaultGraph: false };
}
