/**
 * The `.json` reader: recognises what a JSON file is and hands it to the reader of that format.
 * An array of NGSI-LD entities (the JRC DIH Tool harvest), one NGSI-LD entity, a GeoJSON Feature or
 * FeatureCollection of the JRC API; any other JSON is reported as such, not guessed at.
 */
import { collectRecords, readJrcEntities, readJrcEntity } from './jrc.js';
import { jsonArrayBounds, jsonArrayItems } from './json-array.js';
import type { Diagnostic } from '../model/diagnostics.js';
import { readJrcFeature } from './jrc-feature.js';
import type { ReaderResult, SourceFile } from './index.js';
import type { HubRecord } from '../model/record.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNgsiLd = (v: unknown): boolean => isObject(v) && typeof v.id === 'string' && v.id.startsWith('urn:ngsi-ld:');

function features(list: unknown[], file: string, emit?: (record: HubRecord) => void): ReaderResult {
  return collectRecords(list, (f, i) => readJrcFeature(f, i, file), emit);
}

const NOT_NGSI_LD = 'a JSON array, but none of its items is an NGSI-LD entity (an object with an id urn:ngsi-ld:...); file not read';

/**
 * An array of NGSI-LD entities, one entity parsed at a time (see json-array.ts): an entity that is
 * not JSON is reported (file, line, entity) and skipped, its neighbours read.
 */
function entityArray(text: string, bounds: NonNullable<ReturnType<typeof jsonArrayBounds>>, file: string, emit?: (record: HubRecord) => void, onProgress?: (fraction: number) => void): ReaderResult {
  const records: HubRecord[] = [];
  const diagnostics: Diagnostic[] = [];
  let ngsiLd = false;
  let index = 0;
  for (const item of jsonArrayItems(text, bounds)) {
    const i = index++;
    if (i % 1000 === 0) onProgress?.(i / bounds.starts.length);
    if (item.error !== undefined) {
      diagnostics.push({ severity: 'error', file, line: item.line, record: `entity ${i + 1}`, message: `JSON: ${item.error}; skipped` });
      continue;
    }
    ngsiLd ||= isNgsiLd(item.value);
    const out = readJrcEntity(item.value, i, file);
    if (out.record) (emit ?? ((r: HubRecord) => records.push(r)))(out.record);
    diagnostics.push(...out.diagnostics);
  }
  // nothing was read from such a file: its items are not what this reader reads
  if (index && !ngsiLd) return { records: [], diagnostics: [{ severity: 'error', file, message: NOT_NGSI_LD }] };
  return { records, diagnostics };
}

/** `emit`: each record handed over as soon as it is read (see collectRecords); `onProgress`: the share of an array's entities read so far. */
export function readRegistryJson(text: string, file: SourceFile, emit?: (record: HubRecord) => void, onProgress?: (fraction: number) => void): ReaderResult {
  const bounds = jsonArrayBounds(text);
  if (bounds) return entityArray(text, bounds, file.name, emit, onProgress);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const msg = (err as Error).message;
    const pos = /position (\d+)/.exec(msg);
    const line = pos ? text.slice(0, Number(pos[1])).split('\n').length : undefined;
    return { records: [], diagnostics: [{ severity: 'error', file: file.name, ...(line ? { line } : {}), message: `JSON: ${msg}` }] };
  }
  if (Array.isArray(data)) {
    if (data.length && !data.some(isNgsiLd)) return { records: [], diagnostics: [{ severity: 'error', file: file.name, message: NOT_NGSI_LD }] };
    return readJrcEntities(data, file.name, emit);
  }
  if (isObject(data) && data.type === 'Feature') return features([data], file.name, emit);
  if (isObject(data) && data.type === 'FeatureCollection' && Array.isArray(data.features)) return features(data.features, file.name, emit);
  if (isNgsiLd(data)) return readJrcEntities([data], file.name, emit);
  const what = isObject(data) ? `an object with keys ${Object.keys(data).slice(0, 5).join(', ') || '(none)'}` : typeof data;
  return { records: [], diagnostics: [{ severity: 'error', file: file.name, message: `JSON is neither an array of NGSI-LD entities nor a GeoJSON Feature of the JRC DIH Tool (got ${what}); file not read` }] };
}
