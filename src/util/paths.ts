/** Locations of the files the package ships (ontology, shapes, queries), wherever it is installed. */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Package root: two levels above this module, both from `src/util/` (tsx) and `lib/util/` (compiled). */
export const packageRoot = (): string => join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const ontologyDir = (): string => join(packageRoot(), 'ontology');
export const shapesDir = (): string => join(packageRoot(), 'shapes');
export const queriesDir = (): string => join(packageRoot(), 'queries');
