/**
 * What reading a YAML file leaves behind once its records are taken: nothing of the file. A
 * 110 MB file of 100,000 hubs stayed in memory through the whole build, kept by V8's optimised
 * code for a caller that had inlined a closure over the text (and, apart from that, by long words
 * kept as views into it: see util/own-copy).
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startReading } from '../../src/sources/index.js';
import { collect, heapAfterCollection } from '../helpers/heap.js';
import { generate } from '../../bench/generate.js';
import { tempDir } from '../helpers/paths.js';

const MB = 2 ** 20;


describe('sources/yaml-record memory', function () {
  this.timeout(120_000);
  before(function () {
    if (!collect) this.skip();
  });

  it('sources/yaml-record reading 10,000 records keeps nothing of the 11 MB file once they are taken', async function () {
    const dir = tempDir();
    const size = ((): number => {
      const yaml = generate(10_000).yaml;
      writeFileSync(join(dir, 'synthetic.yaml'), yaml);
      return yaml.length;
    })();
    const before = heapAfterCollection();
    let taken = 0;
    // In a frame of its own, which has returned when the heap is measured.
    await (async () => {
      const read = await startReading([dir], { add: () => taken++, addFacts: () => undefined });
      await read.enriched;
    })();
    const grew = heapAfterCollection() - before;
    assert.equal(taken, 10_000);
    assert.ok(grew < size / 4, `after reading, ${(grew / MB).toFixed(1)} MB are held (the file is ${(size / MB).toFixed(1)} MB)`);
  });

  it('sources/index a text file\'s bytes are let go once decoded, while its records are read', async function () {
    const dir = tempDir();
    const size = ((): number => {
      const yaml = generate(10_000).yaml;
      writeFileSync(join(dir, 'synthetic.yaml'), yaml);
      return Buffer.byteLength(yaml);
    })();
    let heldWhileReading = -1;
    let taken = 0;
    await (async () => {
      const read = await startReading([dir], {
        add: () => {
          // Halfway through the file: what is held outside the heap (the bytes would be).
          if (++taken === 5_000) {
            collect!();
            heldWhileReading = process.memoryUsage().arrayBuffers;
          }
          return taken - 1;
        },
        addFacts: () => undefined,
      });
      await read.enriched;
    })();
    assert.equal(taken, 10_000);
    assert.ok(heldWhileReading >= 0 && heldWhileReading < size / 2, `${(heldWhileReading / MB).toFixed(1)} MB of buffers held while reading a ${(size / MB).toFixed(1)} MB file`);
  });
});
