/**
 * The serializations of a synthetic registry's graph against two baselines measured in the same
 * run: raw streamed N-Triples (one string per triple, written in 1 MB chunks: the limit) and n3's
 * Writer as it comes. Issue 7's target: JSON-LD no slower than 1.5x Turtle. jsonld.compact (the
 * reference our direct JSON-LD writer is tested against) is timed too.
 *
 *   DIH_SERIALIZE_BENCH_HUBS=1000 node --import tsx bench/serialize.bench.ts
 */
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writer, type Quad } from 'n3';
import { assemble } from '../src/pipeline.js';
import { nQuadsBytes, nTriplesBytes, sortedTriples, toJsonLd, toJsonLdWithJsonld, toTurtle } from '../src/publish/serialize.js';
import { writeRdfXml } from '../src/publish/rdfxml-writer.js';
import { termTable } from '../src/util/triple-transfer.js';
import { PREFIXES } from '../src/vocab/namespaces.js';
import { writeSynthetic } from './generate.js';
import { time } from './timing.js';

const hubs = Number(process.env.DIH_SERIALIZE_BENCH_HUBS ?? 1000);
const dir = mkdtempSync(join(tmpdir(), 'dih-bench-serialize-'));
/** A term as a plain writer puts it: no IRI checks, only the escapes a literal needs. */
function plainNt(t: Quad['subject'] | Quad['predicate'] | Quad['object']): string {
  if (t.termType === 'NamedNode') return `<${t.value}>`;
  if (t.termType === 'BlankNode') return `_:${t.value}`;
  const text = /["\\\n\r]/.test(t.value) ? t.value.replace(/["\\\n\r]/g, (c) => ({ '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r' })[c]!) : t.value;
  if (t.termType !== 'Literal') return text;
  if (t.language) return `"${text}"@${t.language}`;
  return t.datatype.value === 'http://www.w3.org/2001/XMLSchema#string' ? `"${text}"` : `"${text}"^^<${t.datatype.value}>`;
}

try {
  writeSynthetic(hubs, dir);
  const { quads } = await assemble([dir]);
  const triples = sortedTriples(quads);
  const file = join(dir, 'out');
  const raw = await time(() => {
    const fd = openSync(file, 'w');
    let chunk = '';
    for (const q of triples) {
      chunk += `${plainNt(q.subject)} ${plainNt(q.predicate)} ${plainNt(q.object)} .\n`;
      if (chunk.length >= 1 << 20) {
        writeSync(fd, chunk);
        chunk = '';
      }
    }
    writeSync(fd, chunk);
    closeSync(fd);
  });
  const n3Writer = await time(() => new Promise<string>((resolve, reject) => {
    const writer = new Writer({ prefixes: { ...PREFIXES } });
    for (const q of triples) writer.addQuad(q.subject, q.predicate, q.object);
    writer.end((err, out) => (err ? reject(err) : resolve(out)));
  }));
  const turtle = await time(() => toTurtle(quads));
  const jsonLd = await time(() => toJsonLd(quads));
  const rdfXml = await time(() => writeRdfXml(termTable(triples), PREFIXES));
  const nq = await time(() => nQuadsBytes(quads));
  const nt = await time(() => nTriplesBytes(quads));
  const jsonld = await time(() => toJsonLdWithJsonld(quads), 1);
  const x = (ms: number) => `${ms.toFixed(0)} ms, ${(ms / raw).toFixed(2)}x raw`;
  console.log(`${hubs} synthetic hubs: ${quads.length} quads, ${triples.length} triples`);
  console.log(`raw streamed N-Triples (baseline): ${raw.toFixed(0)} ms (${(triples.length / raw / 1000).toFixed(2)} M triples/s)`);
  console.log(`n3 Writer, Turtle as it comes: ${x(n3Writer)}`);
  console.log(`ours: N-Quads ${x(nq)}; N-Triples ${x(nt)}; Turtle ${x(turtle)}; RDF/XML ${x(rdfXml)}; JSON-LD ${x(jsonLd)}`);
  console.log(`JSON-LD / Turtle: ${(jsonLd / turtle).toFixed(2)}x; target <= 1.5x: ${jsonLd / turtle <= 1.5 ? 'met' : 'NOT met'}`);
  console.log(`jsonld.compact (fromRDF + compact, one run): ${x(jsonld)}; our direct writer is ${(jsonld / jsonLd).toFixed(1)}x faster`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
