/** Loading of the SHACL shapes of `shapes/` (and any extra shape files), rebased like the data. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DataFactory, Parser, Store, type Quad } from 'n3';
import { DEFAULT_BASE } from '../vocab/namespaces.js';
import { shapesDir } from '../util/paths.js';

const { namedNode, quad } = DataFactory;

/** Files of `shapes/` that apply to the hub data (catalogue shapes are applied to the catalogue only). */
export const DATA_SHAPE_FILES = ['core.ttl', 'recommended.ttl'];

export function parseShapes(text: string, file: string, base: string = DEFAULT_BASE): Quad[] {
  let quads: Quad[];
  try {
    quads = new Parser({ baseIRI: DEFAULT_BASE }).parse(text);
  } catch (err) {
    throw new Error(`${file}: ${(err as Error).message}`);
  }
  if (base === DEFAULT_BASE) return quads;
  const move = <T extends Quad['subject'] | Quad['object']>(t: T): T =>
    (t.termType === 'NamedNode' && t.value.startsWith(`${DEFAULT_BASE}concept/`) ? (namedNode(base + t.value.slice(DEFAULT_BASE.length)) as T) : t);
  return quads.map((q) => quad(move(q.subject), q.predicate, move(q.object), q.graph));
}

export function loadShapes(base: string = DEFAULT_BASE, files: string[] = DATA_SHAPE_FILES, dir: string = shapesDir()): Store {
  const store = new Store();
  for (const file of files) store.addQuads(parseShapes(readFileSync(join(dir, file), 'utf8'), file, base));
  return store;
}

export function listShapeFiles(dir: string = shapesDir()): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.ttl')).sort();
}

/** Our own DCAT-AP shapes for a publication's catalogue (catalog.ttl), written from the DCAT-AP 3.0.1 specification. */
export const CATALOG_SHAPE_FILES = ['catalog.ttl', 'catalog-recommended.ttl'];

export function loadCatalogShapes(dir: string = shapesDir()): Store {
  return loadShapes(DEFAULT_BASE, CATALOG_SHAPE_FILES, dir);
}

/** The official DCAT-AP 3.0.1 shapes (SEMIC), read in place: the core set (Violation) or the recommended one (Warning). */
export const OFFICIAL_DCAT_AP_FILES = { core: ['shapes.ttl', 'range.ttl', 'mdr-vocabularies.shape.ttl'], recommended: ['shapes_recommended.ttl'] } as const;

export function loadOfficialDcatApShapes(dir: string, set: keyof typeof OFFICIAL_DCAT_AP_FILES = 'core'): Store {
  return loadShapes(DEFAULT_BASE, [...OFFICIAL_DCAT_AP_FILES[set]], dir);
}
