/**
 * The raw baseline of bench/scale.bench.ts: the given N-Triples streamed to another file, one
 * string per triple, written 1 MB at a time with backpressure. No parsing, no escaping, no
 * sorting: what writing those triples costs at the least.
 *
 *   node --import tsx bench/raw-ntriples.ts in.nt out.nt
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

const [input, output] = process.argv.slice(2);
if (!input || !output) throw new Error('usage: raw-ntriples.ts in.nt out.nt');
const sink = createWriteStream(output);
let chunk: string[] = [];
let size = 0;
let triples = 0;
for await (const line of createInterface({ input: createReadStream(input), crlfDelay: Infinity })) {
  chunk.push(line);
  size += line.length + 1;
  triples++;
  if (size >= 2 ** 20) {
    if (!sink.write(`${chunk.join('\n')}\n`)) await once(sink, 'drain');
    chunk = [];
    size = 0;
  }
}
if (chunk.length) sink.write(`${chunk.join('\n')}\n`);
sink.end();
await once(sink, 'finish');
process.stderr.write(`${triples} triples\n`);
