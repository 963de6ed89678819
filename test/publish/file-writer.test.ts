/** The thread that writes a publication's small files (pages). */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FileWriter } from '../../src/publish/file-writer.js';
import { ROOT, tempDir } from '../helpers/paths.js';

describe('publish/file-writer', function () {
  it('publish/file-writer writes every file whole: strings as UTF-8, bytes as they are, a file bigger than a message too', async function () {
    const dir = tempDir();
    const writer = new FileWriter();
    const big = 'é🙂'.repeat(300_000); // 2.1 MB in UTF-8: more than one message's worth
    const bytes = Uint8Array.from({ length: 3000 }, (_, i) => i % 256);
    for (let i = 0; i < 500; i++) writer.write(join(dir, `p${i}.html`), `p${i}.html`, `page ${i} – ${'x'.repeat(i)}`);
    writer.write(join(dir, 'big.html'), 'big.html', big);
    writer.write(join(dir, 'bytes.bin'), 'bytes.bin', bytes);
    writer.write(join(dir, 'empty.txt'), 'empty.txt', '');
    assert.equal(await writer.close(), undefined);
    assert.equal(readdirSync(dir).length, 503);
    for (const i of [0, 1, 250, 499]) assert.equal(readFileSync(join(dir, `p${i}.html`), 'utf8'), `page ${i} – ${'x'.repeat(i)}`);
    assert.equal(readFileSync(join(dir, 'big.html'), 'utf8'), big);
    assert.deepEqual(new Uint8Array(readFileSync(join(dir, 'bytes.bin'))), bytes);
    assert.equal(readFileSync(join(dir, 'empty.txt'), 'utf8'), '');
    assert.equal(writer.queuedBytes, 0);
  });

  it('publish/file-writer puts files on disk while the calling thread is busy (no turn of its event loop needed)', async function () {
    const dir = tempDir();
    const writer = new FileWriter();
    for (let i = 0; i < 200; i++) writer.write(join(dir, `p${i}.html`), `p${i}.html`, `page ${i}`);
    await writer.whenQueuedBelow(Infinity); // hands the files over, waits for nothing
    // Busy from here on: written through promises on libuv's pool, no file would get past its open.
    const deadline = Date.now() + 10_000;
    while (!existsSync(join(dir, 'p199.html')) && Date.now() < deadline) {
      // spin
    }
    assert.ok(existsSync(join(dir, 'p199.html')), 'the last file was written while this thread was busy');
    await writer.close();
  });

  it('publish/file-writer names the first file it cannot write, and writes none after it', async function () {
    const dir = tempDir();
    mkdirSync(join(dir, 'folder'));
    const writer = new FileWriter();
    writer.write(join(dir, 'a.html'), 'a.html', 'a');
    writer.write(join(dir, 'folder'), 'folder', 'a file where a folder is');
    writer.write(join(dir, 'b.html'), 'b.html', 'b');
    const failure = await writer.close();
    assert.match(String(failure?.message), /^cannot write folder of the publication: .*EISDIR/);
    assert.equal(readFileSync(join(dir, 'a.html'), 'utf8'), 'a');
    assert.equal(existsSync(join(dir, 'b.html')), false);
    assert.equal(writer.queuedBytes, 0);
  });

  it('publish/file-writer whenQueuedBelow resolves once at most that many bytes wait', async function () {
    const dir = tempDir();
    const writer = new FileWriter();
    const page = 'y'.repeat(64 * 1024);
    for (let i = 0; i < 100; i++) writer.write(join(dir, `p${i}.html`), `p${i}.html`, page);
    assert.equal(writer.queuedBytes, 100 * page.length);
    await writer.whenQueuedBelow(2 ** 20);
    assert.ok(writer.queuedBytes <= 2 ** 20, `${writer.queuedBytes} bytes still queued`);
    await writer.whenQueuedBelow(0);
    assert.equal(readdirSync(dir).length, 100);
    await writer.close();
  });

  it('publish/file-writer lets the process end once its files are written, unclosed (a build that failed elsewhere)', function () {
    this.timeout(60_000);
    const file = join(tempDir(), 'left.html');
    const script = `
      import { FileWriter } from ${JSON.stringify(join(ROOT, 'src', 'publish', 'file-writer.ts'))};
      const writer = new FileWriter();
      writer.write(${JSON.stringify(file)}, 'left.html', 'written');
      await writer.whenQueuedBelow(0);`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
    assert.equal(r.signal, null, 'the process ended by itself');
    assert.equal(r.status, 0, r.stderr);
    assert.equal(readFileSync(file, 'utf8'), 'written');
  });
});
