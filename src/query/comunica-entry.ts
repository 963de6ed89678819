/**
 * What dih-ld uses of Comunica, in one module: the only one that imports its packages. `make`
 * bundles it into lib/query/comunica.bundle.cjs (see comunica-load.ts); without a bundle (tests
 * run from src/ through tsx) comunica-load.ts imports this module itself.
 */
export { QueryEngine } from '@comunica/query-sparql';
export { ActorRdfJoinOptionalBind } from '@comunica/actor-rdf-join-optional-bind';
export { ActorOptimizeQueryOperationGroupSources } from '@comunica/actor-optimize-query-operation-group-sources';
export { ActionContext, failTest } from '@comunica/core';
// for the quad index as a query source of its own (bgp-source.ts)
export { QuerySourceRdfJs } from '@comunica/actor-query-source-identify-rdfjs';
export { BindingsFactory } from '@comunica/utils-bindings-factory';
export { MetadataValidationState } from '@comunica/utils-metadata';
