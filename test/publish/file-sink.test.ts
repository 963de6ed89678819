/** FileSink: pieces appended in order with their digest, one piece in flight at most, errors surfaced. */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FileSink } from '../../src/publish/file-sink.js';
import { tempDir } from '../helpers/paths.js';

const piece = (n: number, size: number): Buffer => Buffer.alloc(size, String.fromCharCode(97 + (n % 26)));

describe('publish/file-sink', function () {
  it('publish/file-sink writes every piece in order, with the size and SHA-256 of the bytes', async function () {
    const path = join(tempDir(), 'out.nt');
    const sink = new FileSink(path, 'out.nt');
    const pieces = Array.from({ length: 12 }, (_, n) => piece(n, 100_000 + n * 7_919));
    for (const p of pieces) await sink.write(p);
    const digest = await sink.close();
    const expected = Buffer.concat(pieces);
    assert.deepEqual(readFileSync(path), expected);
    assert.deepEqual(digest, { byteSize: expected.length, sha256: createHash('sha256').update(expected).digest('hex') });
  });

  it('publish/file-sink lets the caller go on while one piece is still reaching the disk, and waits for it before the next', async function () {
    const sink = new FileSink(join(tempDir(), 'out.nq'), 'out.nq');
    let turned = false;
    setImmediate(() => (turned = true));
    await sink.write(piece(0, 8 * 2 ** 20));
    // resolved within the same turn of the event loop: no wait for the disk
    assert.equal(turned, false);
    turned = false;
    setImmediate(() => (turned = true));
    await sink.write(piece(1, 1024));
    // the first piece had to drain first, which takes at least one turn
    assert.equal(turned, true);
    await sink.close();
  });

  it('publish/file-sink reports a file it cannot write on the next write or on close', async function () {
    const sink = new FileSink(join(tempDir(), 'no-such-folder', 'out.nt'), 'out.nt');
    await assert.rejects(async () => {
      await sink.write(piece(0, 1024));
      await new Promise((resolve) => setTimeout(resolve, 50));
      await sink.write(piece(1, 1024));
      await sink.close();
    }, /ENOENT/);
  });
});
