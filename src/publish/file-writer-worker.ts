/**
 * Worker entry of file-writer.ts: writes the files it is sent, one after another, with plain
 * synchronous calls, in the order sent. After a failure it writes nothing more (the publication is
 * lost anyway) but still answers every message, so the sender's count of queued bytes stays true.
 */
import { writeFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import type { FileWriterReply, FileWriterRequest } from './file-writer.js';

const port = parentPort!;
const reply = (m: FileWriterReply): void => port.postMessage(m);
let failed = false;

port.on('message', (m: FileWriterRequest) => {
  if (m.kind === 'end') {
    reply({ kind: 'ended' });
    return;
  }
  const bytes = new Uint8Array(m.buffer);
  for (const [path, name, start, end] of m.files) {
    if (failed) break;
    try {
      writeFileSync(path, bytes.subarray(start, end));
    } catch (err) {
      failed = true;
      reply({ kind: 'failed', name, message: (err as Error).message });
    }
  }
  reply({ kind: 'written', bytes: m.bytes });
});
