/**
 * What dih-ld uses of Comunica, in one module: the only one that imports its packages. `make`
 * bundles it into lib/query/comunica.bundle.cjs (see comunica-load.ts); without a bundle (tests
 * run from src/ through tsx) comunica-load.ts imports this module itself.
 */
export { QueryEngine } from '@comunica/query-sparql';
export { ActorRdfJoinOptionalBind } from '@comunica/actor-rdf-join-optional-bind';
export { failTest } from '@comunica/core';
