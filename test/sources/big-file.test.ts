/**
 * sources/index: a big source file is let go of as soon as it is read. Its bytes are gone (not
 * only unreachable) before its first record is parsed, without waiting for V8 to collect them
 * by itself: at 100,000 hubs two files of 110-125 MB otherwise waited beside the next one.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FileBytes, READERS, type SourceFile } from '../../src/sources/index.js';
import { collect } from '../helpers/heap.js';
import { tempDir } from '../helpers/paths.js';

const MB = 2 ** 20;
const DOC = 'source: {registry: big, id: h0}\nhub: hub\nentities:\n  hub: {kind: hub, name: "Hub 0", country: PRT}\n---\n';

describe('sources/big-file', function () {
  this.timeout(120_000);

  it('sources/big-file/the bytes of a 48 MB file are freed before its first record is read', async function () {
    const size = 48 * MB;
    if (!collect) this.skip();
    const dir = tempDir();
    const path = join(dir, 'big.yaml');
    writeFileSync(path, DOC.repeat(Math.ceil(size / DOC.length)));
    const file: SourceFile = { path, name: 'big.yaml' };
    const before = process.memoryUsage().arrayBuffers;
    let atFirstRecord = -1;
    const stop = new Error('first record read');
    await assert.rejects(
      Promise.resolve(READERS['.yaml']!(FileBytes.read(path), file, () => {
        atFirstRecord = process.memoryUsage().arrayBuffers - before;
        throw stop;
      })),
      (err) => err === stop,
    );
    assert.ok(atFirstRecord < size / 4, `${atFirstRecord} bytes of buffers at the first record`);
  });
});
