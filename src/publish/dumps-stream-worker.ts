/**
 * Worker entry of dumps-stream.ts: appends each batch of triples to dih.nt, dih.ttl, dih.jsonld
 * and dih.rdf on disk and lets its text go, hashing the bytes as they pass, so no whole document is
 * ever held. Batches come one after another; each is answered once its text is out of memory.
 *
 * RDF/XML cannot be written straight through: its root element declares the prefixes and the XML
 * version that the whole body needs. The body goes to a temporary file next to dih.rdf, and at the
 * end the root element, the body and the closing tag are copied into dih.rdf.
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import type { Quad } from 'n3';
import type { FileDigest } from './catalog.js';
import { STREAMING_NEEDS_DIRECT_JSONLD, type DumpsStreamReply, type DumpsStreamRequest } from './dumps-stream.js';
import { CONTEXT_URL } from './jsonld-loader.js';
import { RDF_XML_FOOTER, RdfXmlBodyWriter } from './rdfxml-writer.js';
import { directCompactor, nTriplesOfIds, termToNt } from './serialize.js';
import { turtlePieces, type TurtlePieces } from './turtle-pieces.js';
import { checkIri } from '../map/iri.js';
import { relieveHeap } from '../util/heap-governor.js';
import { decodeTerm, decodeTermTable, subjectGroups, type EncodedTerm, type EncodedTriples } from '../util/triple-transfer.js';

/** A document written in batches: `take` gives the text made since the last take, `end` the rest. */
interface BatchWriter {
  add(triplesOfOneSubject: readonly Quad[]): void;
  take(): string;
  end(): string;
}

/**
 * jsonLdWriter (serialize.ts) with its text taken out after each batch, printed as
 * JSON.stringify(doc, null, 2) prints the document. Always the "graph" form, for one node or none
 * too: the one-shot writer makes a lone node the document itself, which is the same graph, but a
 * stream knows only at the end how many nodes there were.
 */
function jsonLdBatches(): BatchWriter {
  const compactor = directCompactor();
  if (!compactor) throw new Error(STREAMING_NEEDS_DIRECT_JSONLD);
  let nodes: Record<string, unknown>[] = [];
  let head = `{\n  "@context": ${JSON.stringify(CONTEXT_URL)},\n  "graph": [`;
  let some = false;
  // A batch's nodes stringified at once, as the graph of a document, are indented as in ours: cut
  // out and spliced in. Stringifying node by node took 1.7-2x as long.
  const open = '{\n  "graph": [\n';
  const close = '\n  ]\n}';
  const take = (): string => {
    let text = head;
    head = '';
    if (nodes.length) {
      const graph = JSON.stringify({ graph: nodes }, null, 2);
      text += `${some ? ',' : ''}\n${graph.slice(open.length, graph.length - close.length)}`;
      some = true;
      nodes = [];
    }
    return text;
  };
  return {
    add(triples) {
      if (triples.length) nodes.push(compactor.node(triples[0]!.subject, triples));
    },
    take,
    end: () => `${take()}${some ? '\n  ' : ''}]\n}\n`,
  };
}

/** A file written through a stream, waiting when the stream's buffer is full, its size and SHA-256 taken on the way. */
class OutFile {
  private readonly stream: WriteStream;
  private readonly hash: Hash = createHash('sha256');
  private bytes = 0;
  /** An error the stream reported while nobody waited on it, thrown at the next write. */
  private failure: Error | undefined;

  constructor(readonly path: string) {
    this.stream = createWriteStream(path);
    this.stream.on('error', (err) => (this.failure ??= err));
  }

  async write(content: string | Buffer): Promise<void> {
    if (this.failure) throw this.failure;
    if (!content.length) return;
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    this.hash.update(bytes);
    this.bytes += bytes.length;
    // once() rejects on the stream's error
    if (!this.stream.write(bytes)) await once(this.stream, 'drain');
  }

  async close(): Promise<FileDigest> {
    if (this.failure) throw this.failure;
    this.stream.end();
    await finished(this.stream);
    return { byteSize: this.bytes, sha256: this.hash.digest('hex') };
  }

  destroy(): void {
    this.stream.destroy();
  }
}

const { dir, prefixes, base } = workerData as { dir: string; prefixes: Record<string, string>; base?: EncodedTriples };
/** The terms batches may be encoded over, given once: as encoded, as RDF/JS terms and as N-Triples. */
const baseTerms = base ? decodeTermTable(base).terms : undefined;
const baseRdf = baseTerms?.map(decodeTerm);
const baseNt = baseRdf?.map(termToNt);
const port = parentPort!;
const reply = (m: DumpsStreamReply): void => port.postMessage(m);

const files: OutFile[] = [];
const open = (name: string): OutFile => {
  const file = new OutFile(join(dir, name));
  files.push(file);
  return file;
};
let failed = false;
const failWith = (err: unknown): void => {
  failed = true;
  for (const f of files) f.destroy();
  const e = err as Error;
  reply({ kind: 'failed', name: e.name, message: e.message });
};

let writers: { turtle: TurtlePieces; jsonLd: BatchWriter; rdfXml: RdfXmlBodyWriter; nt: OutFile; ttl: OutFile; json: OutFile; body: OutFile } | undefined;
try {
  writers = { turtle: turtlePieces(prefixes), jsonLd: jsonLdBatches(), rdfXml: new RdfXmlBodyWriter(prefixes), nt: open('dih.nt'), ttl: open('dih.ttl'), json: open('dih.jsonld'), body: open('.dih.rdf.body') };
} catch (err) {
  failWith(err);
}

/** Whether the base's terms (when batches are encoded over one) have been checked. */
let baseChecked = false;
const checkIris = (terms: readonly EncodedTerm[]): void => {
  for (const t of terms) if (t[0] === 'I') checkIri(t[1]);
};

async function writeBatch(batch: EncodedTriples): Promise<void> {
  const { turtle, jsonLd, rdfXml, nt, ttl, json, body } = writers!;
  const table = decodeTermTable(batch, baseTerms);
  // Over the base, only the batch's own terms are made here.
  const own = batch.base === undefined ? table.terms : table.terms.slice(batch.base);
  const terms = batch.base === undefined ? own.map(decodeTerm) : baseRdf!.concat(own.map(decodeTerm));
  const { ids } = table;
  // Every IRI checked once here rather than at each occurrence by the Turtle writer (~5% of this
  // worker's time): the triples use only the table's terms. The base's were checked on the first batch.
  checkIris(baseChecked ? own : table.terms);
  if (batch.base !== undefined) baseChecked = true;
  // RDF/XML first: it refuses triples the others accept, and a refused batch then writes nothing.
  await body.write(rdfXml.write(table));
  // One text at a time, each let go (and the heap relieved) before the next is made: made together
  // and written at once, a batch's four texts and their bytes took this worker from ~15 to ~90 MB
  // of heap at each batch of a 100,000-hub build.
  relieveHeap();
  // N-Triples here rather than on the build's main thread, which is the busier one: each term's
  // form once, then the triples in the order given (the batch's publication order).
  await nt.write(nTriplesOfIds(batch.base === undefined ? terms.map(termToNt) : baseNt!.concat(terms.slice(batch.base).map(termToNt)), ids));
  relieveHeap();
  // A subject's triples come together: Turtle and JSON-LD take them a subject at a time.
  for (const ofSubject of subjectGroups(terms, ids)) turtle.addChecked(ofSubject);
  await ttl.write(turtle.take());
  relieveHeap();
  for (const ofSubject of subjectGroups(terms, ids)) jsonLd.add(ofSubject);
  await json.write(jsonLd.take());
}

async function finish(): Promise<Map<string, FileDigest>> {
  const { turtle, jsonLd, rdfXml, nt, ttl, json, body } = writers!;
  const digests = new Map<string, FileDigest>();
  digests.set('dih.nt', await nt.close());
  await ttl.write(turtle.end());
  digests.set('dih.ttl', await ttl.close());
  await json.write(jsonLd.end());
  digests.set('dih.jsonld', await json.close());
  await body.close();
  const rdf = open('dih.rdf');
  await rdf.write(rdfXml.header());
  for await (const chunk of createReadStream(body.path)) await rdf.write(chunk as Buffer);
  await rdf.write(RDF_XML_FOOTER);
  digests.set('dih.rdf', await rdf.close());
  await unlink(body.path);
  return digests;
}

// One request at a time, in the order sent; after a failure the rest are dropped (the caller has
// been told, and stops the worker).
let queue = Promise.resolve();
port.on('message', (m: DumpsStreamRequest) => {
  queue = queue.then(async () => {
    if (failed) return;
    try {
      if (m.kind === 'batch') {
        await writeBatch(m.batch);
        reply({ kind: 'written' });
        relieveHeap();
      } else reply({ kind: 'ended', digests: await finish() });
    } catch (err) {
      failWith(err);
    }
  });
});
