/** The end-of-build summary and the progress indication. */
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { unmappedLabels } from '../../src/merge/summary.js';
import { phasedProgress, progress, step } from '../../src/util/progress.js';
import { mergeRecords } from '../../src/merge/index.js';
import { readSources } from '../../src/sources/index.js';
import { loadConcepts } from '../../src/vocab/concepts.js';
import { DEFAULT_BASE } from '../../src/vocab/namespaces.js';
import { join } from 'node:path';
import { FIXTURES } from '../helpers/paths.js';

function sink(isTTY: boolean): Writable & { isTTY: boolean; text: string } {
  const s = new Writable({ write(chunk, _enc, done) { s.text += String(chunk); done(); } }) as Writable & { isTTY: boolean; text: string };
  s.text = '';
  s.isTTY = isTTY;
  return s;
}

describe('merge/summary', function () {
  it('merge/summary lists each unmapped label once, by scheme', function () {
    const d = (message: string) => ({ severity: 'warning' as const, file: 'f', message });
    const out = unmappedLabels([d('no sector concept has the label "Basket weaving"; kept as a plain literal'), d('no sector concept has the label "Basket weaving"; kept as a plain literal'), d('no technology concept has the label "Telepathy"; kept'), d('something else')]);
    assert.deepEqual([...out], [['sector', ['Basket weaving']], ['technology', ['Telepathy']]]);
  });

  it('util/progress stays quiet off a terminal during the first second, then writes at most a line a second', function () {
    let now = 0;
    const stream = sink(false);
    const p = progress('merging', { stream, now: () => now });
    p.update(1, 10);
    now = 500;
    p.update(2, 10);
    assert.equal(stream.text, '');
    now = 1500;
    p.update(3, 10);
    now = 1600;
    p.update(4, 10);
    assert.equal(stream.text, 'merging [#######.................] 3/10\n');
  });

  it('util/progress redraws one line on a terminal and clears it when done', function () {
    let now = 0;
    const stream = sink(true);
    const p = progress('reading', { stream, now: () => now });
    p.update(5, 10);
    now = 100;
    p.update(10, 10);
    p.done();
    assert.ok(stream.text.startsWith('\rreading [############............] 5/10\rreading [########################] 10/10\r'));
  });

  it('util/progress/phased draws a bar per phase, each named after its task and phase', function () {
    let now = 0;
    const stream = sink(false);
    const p = phasedProgress('merging records', { stream, now: () => now });
    p.update(0, 4, 'reading features');
    now = 1200;
    p.update(2, 4, 'reading features');
    p.update(0, 9, 'comparing candidate pairs');
    now = 2500;
    p.update(6, 9, 'comparing candidate pairs');
    p.done();
    assert.equal(stream.text, 'merging records: reading features [############............] 2/4\nmerging records: comparing candidate pairs [################........] 6/9\n');
  });

  it('merge/progress reports every phase of a merge: features of each record, finding and comparing candidate pairs, canonical hubs', async function () {
    const { records } = await readSources([join(FIXTURES, 'registries', 'jrc-excerpt.ngsi-ld.json'), join(FIXTURES, 'registries', 'edih-excerpt.csv')]);
    const seen = new Map<string, number>();
    mergeRecords(records, loadConcepts(DEFAULT_BASE), DEFAULT_BASE, (_done, total, phase) => seen.set(phase, total));
    assert.deepEqual([...seen.keys()], ['reading features', 'finding candidate pairs', 'comparing candidate pairs', 'making canonical hubs']);
    assert.equal(seen.get('reading features'), records.length);
    assert.equal(seen.get('finding candidate pairs'), 2 * records.length);
  });

  it('util/progress/step names a step of a second or more off a terminal when it ends, and nothing for a shorter one', function () {
    let now = 0;
    const stream = sink(false);
    const quick = step('sorting', { stream, now: () => now });
    now = 400;
    quick.done();
    assert.equal(stream.text, '');
    const slow = step('writing N-Quads', { stream, now: () => now });
    now = 2900;
    slow.done();
    slow.done();
    assert.equal(stream.text, 'writing N-Quads: 2.5 s\n');
  });

  it('util/progress/step shows its label on a terminal while it runs and clears it', function () {
    const stream = sink(true);
    const s = step('validating', { stream, now: () => 0 });
    assert.equal(stream.text, '\rvalidating …');
    s.done();
    assert.equal(stream.text, `\rvalidating …\r${' '.repeat(12)}\r`);
  });
});
