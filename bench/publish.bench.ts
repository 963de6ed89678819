/**
 * The publication files of issue 5 against the Turtle writer as baseline, on the example graph
 * copied k times (subjects renamed) to see how each grows: RDF/XML (rdfxml-writer), the HTML site, the
 * DCAT-AP catalogue and VoID. Figures are ratios measured in the same run.
 */
import { join } from 'node:path';
import { DataFactory, type Quad } from 'n3';
import { assemble, serializations } from '../src/pipeline.js';
import { toTurtle } from '../src/publish/serialize.js';
import { toRdfXml } from '../src/publish/rdfxml.js';
import { publicationFiles } from '../src/publish/publication.js';
import { time } from './timing.js';

const sources = join(import.meta.dirname ?? '.', '..', 'sources');
const base = 'https://w3id.org/dih/';

const { quads, records } = await assemble([sources]);
for (const k of [1, 4, 16]) {
  const copies: Quad[] = [];
  for (let i = 0; i < k; i++) {
    const rename = <T extends Quad['subject'] | Quad['object']>(t: T): T => (i && t.termType === 'NamedNode' && t.value.startsWith(`${base}hub/`) ? (DataFactory.namedNode(`${t.value}-${i}`) as T) : t);
    for (const q of quads) copies.push(DataFactory.quad(rename(q.subject), q.predicate, rename(q.object), q.graph));
  }
  const files = await serializations(copies, base);
  const turtle = await time(() => toTurtle(copies));
  const rdfxml = await time(() => toRdfXml(copies));
  const rest = await time(() => publicationFiles({ quads: copies, records, files, base, publicationBase: base }));
  console.log(`x${k} (${copies.length} quads): turtle ${turtle.toFixed(0)} ms (baseline); rdf/xml ${(rdfxml / turtle).toFixed(1)}x; catalogue + VoID + HTML site ${(rest / turtle).toFixed(1)}x`);
}
