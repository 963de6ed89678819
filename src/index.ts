/** dih-ld library API: the stages as plain functions, and the pipeline that composes them. */
export type { HubRecord, Entity, Relation, ConceptRef, Span, FactProvenance, RecordSource } from './model/record.js';
export type { Diagnostic } from './model/diagnostics.js';
export { formatDiagnostic, DihError } from './model/diagnostics.js';
export { readSources, listSourceFiles, READERS } from './sources/index.js';
export { readYamlRecords } from './sources/yaml-record.js';
export { IriMinter, slugify, isSafeIri, normaliseWebsite } from './map/iri.js';
export { mapRecord } from './map/record-to-quads.js';
export { loadConcepts, normaliseLabel, ConceptIndex, SCHEMES } from './vocab/concepts.js';
export * as vocab from './vocab/namespaces.js';
export { loadShapes } from './validate/shapes.js';
export { validateQuads, type ValidationOutcome, type ValidationFinding } from './validate/validate.js';
export { formatOutcome, reportQuads } from './validate/report.js';
export { toTurtle, toNTriples, toNQuads, toJsonLd } from './publish/serialize.js';
export { writePublication } from './publish/atomic.js';
export { loadGraph, runQuery, type OutputFormat } from './query/engine.js';
export { build, assemble, type BuildOptions, type BuildResult } from './pipeline.js';
