/**
 * The fast path of the YAML record reader: js-yaml's event parser, which reads our record files
 * about 4x faster than the `yaml` library's composer (100,000 records: ~75 s with `yaml`), plus
 * the places the reader reports lines for (the record, each entity, each relation), taken from
 * the events' source offsets.
 *
 * Only what both parsers read the same way goes this way. A document with anchors, aliases or
 * tags, and every document from a chunk js-yaml refuses (a syntax error, a duplicate key), is
 * left to the `yaml` path, which writes the diagnostics (yaml-record.ts decides). Both follow the
 * YAML 1.2 core schema; test/sources/yaml-fast.test.ts checks them against each other.
 */
import { constructFromEvents, CORE_SCHEMA, EVENT_ID, getScalarValue, parseEvents, type Event } from 'js-yaml';

/** Offsets (in the whole text) where a record's parts start, as `yaml` gives its nodes' ranges. */
export interface DocumentPlaces {
  root?: number;
  entities: Map<string, number>;
  relations: number[];
}

export interface FastDocument {
  data: unknown;
  /** Undefined when the document uses anchors, aliases or tags: read it the slow way. */
  places?: DocumentPlaces;
}

/**
 * Chunks of about this many characters are parsed at a time: js-yaml's events for a whole
 * 100,000-record file would hold ~10 M objects.
 */
const CHUNK_CHARS = 2 ** 20;

/**
 * Where chunks may start: a `---` line. Such a line always starts a document (YAML forbids it
 * inside any scalar); with a directive (%YAML, %TAG) in the file, the file is one chunk.
 */
function chunkStarts(text: string): number[] {
  const starts = [0];
  if (/^%/m.test(text)) return starts;
  const marker = /\n---(?=[ \t\r\n]|$)/g;
  for (;;) {
    marker.lastIndex = starts[starts.length - 1]! + CHUNK_CHARS;
    if (marker.lastIndex >= text.length) return starts;
    const m = marker.exec(text);
    if (!m) return starts;
    starts.push(m.index + 1);
  }
}

type NodeEvent = Exclude<Event, { type: typeof EVENT_ID.DOCUMENT | typeof EVENT_ID.POP }>;

const startOf = (e: NodeEvent): number => ('start' in e ? e.start : 'valueStart' in e ? e.valueStart : e.anchorStart);

interface Open {
  map: boolean;
  /** Children so far (a mapping alternates key, value). */
  n: number;
  key?: string;
  role: 'root' | 'entities' | 'relations' | 'other';
}

/** Each document's places, from the events of one chunk (offsets shifted by `at`). */
function placesOf(events: Event[], chunk: string, at: number): (DocumentPlaces | undefined)[] {
  const out: (DocumentPlaces | undefined)[] = [];
  let places: DocumentPlaces = { entities: new Map(), relations: [] };
  let plain = true;
  const stack: Open[] = [];
  let inDocument = false;
  for (const e of events) {
    if (e.type === EVENT_ID.DOCUMENT) {
      places = { entities: new Map(), relations: [] };
      plain = true;
      inDocument = true;
      continue;
    }
    if (e.type === EVENT_ID.POP) {
      if (stack.length) stack.pop();
      else if (inDocument) {
        out.push(plain ? places : undefined);
        inDocument = false;
      }
      continue;
    }
    if (e.type === EVENT_ID.ALIAS || e.anchorStart >= 0 || e.tagStart >= 0) plain = false;
    const start = startOf(e) + at;
    const parent = stack[stack.length - 1];
    let role: Open['role'] = 'other';
    if (!parent) {
      places.root = start;
      role = 'root';
    } else if (parent.map && parent.n % 2 === 0) {
      parent.key = e.type === EVENT_ID.SCALAR ? getScalarValue(chunk, e) : undefined;
    } else {
      if (parent.role === 'root' && parent.map) role = parent.key === 'entities' ? 'entities' : parent.key === 'relations' ? 'relations' : 'other';
      else if (parent.role === 'entities' && parent.map && parent.key !== undefined && !places.entities.has(parent.key)) places.entities.set(parent.key, start);
      else if (parent.role === 'relations' && !parent.map) places.relations.push(start);
    }
    if (parent) parent.n++;
    if (e.type === EVENT_ID.MAPPING || e.type === EVENT_ID.SEQUENCE) stack.push({ map: e.type === EVENT_ID.MAPPING, n: 0, role });
  }
  return out;
}

/**
 * The documents of `text` in order. Returns true when every document was read, false when a
 * chunk could not be: the caller reads the rest (from the next document index) the slow way.
 * `onProgress` is told, chunk by chunk, the share of the text read so far.
 */
export function* fastDocuments(text: string, onProgress?: (fraction: number) => void): Generator<FastDocument, boolean> {
  const starts = chunkStarts(text);
  for (const [k, at] of starts.entries()) {
    onProgress?.(at / text.length);
    const chunk = text.slice(at, starts[k + 1] ?? text.length);
    let docs: unknown[];
    let places: (DocumentPlaces | undefined)[];
    try {
      const events = parseEvents(chunk, {});
      docs = constructFromEvents(events, { source: chunk, schema: CORE_SCHEMA });
      places = placesOf(events, chunk, at);
    } catch {
      return false;
    }
    if (places.length !== docs.length) return false;
    for (const [i, data] of docs.entries()) {
      const p = places[i];
      yield p ? { data, places: p } : { data };
    }
  }
  return true;
}

/**
 * Lines (1-based) of offsets in a text, by binary search over its line starts. An object, not a
 * closure over the text: V8's optimised code for a caller that had inlined such a closure kept
 * it, and with it the whole file (106 MB of YAML at 100,000 hubs), for the rest of the build.
 */
export class LineIndex {
  private readonly starts: Uint32Array;

  constructor(text: string) {
    const list = [0];
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) list.push(i + 1);
    this.starts = Uint32Array.from(list);
  }

  lineAt(offset: number): number {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
}
