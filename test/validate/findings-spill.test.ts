/**
 * validate/findings-spill: a build's findings put aside on disk batch by batch come back as
 * mergeOutcomes merges them (same findings, order, sources and counts), hold nothing in the heap
 * meanwhile, and leave no file behind.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import fc from 'fast-check';
import { FindingsSpill } from '../../src/validate/findings-spill.js';
import { eachFinding, mergeOutcomes, type ValidationFinding, type ValidationOutcome } from '../../src/validate/validate.js';
import { collect, heapAfterCollection } from '../helpers/heap.js';

const outcome = (findings: ValidationFinding[]): ValidationOutcome => ({
  conforms: !findings.some((f) => f.severity === 'Violation'),
  findings,
  violations: findings.filter((f) => f.severity === 'Violation').length,
  warnings: findings.filter((f) => f.severity === 'Warning').length,
});

/** Texts that JSON lines must carry whole: quotes, newlines, U+2028, letters of several bytes. */
const text = fc.constantFrom('', 'a', 'ab', 'b', 'a "b"\nc', 'é', '\u2028', '日本', '😀');
const findingArb: fc.Arbitrary<ValidationFinding> = fc.record(
  {
    severity: fc.constantFrom('Violation', 'Warning', 'Info'),
    focusNode: fc.constantFrom('https://x/a', 'https://x/b', 'https://x/é'),
    focusLabel: text,
    path: text,
    value: text,
    message: text,
    shape: fc.constantFrom('https://x/S', 'https://x/T'),
    component: fc.constantFrom('http://www.w3.org/ns/shacl#MinCountConstraintComponent'),
    sources: fc.array(fc.record({ record: fc.constantFrom('https://x/r1', 'https://x/r2', 'https://x/r3'), file: text, line: fc.nat(1000) }, { requiredKeys: ['record'] }), { maxLength: 3 }),
  },
  { requiredKeys: ['severity', 'focusNode', 'message', 'shape', 'component', 'sources'] },
) as fc.Arbitrary<ValidationFinding>;

/** Findings as they are written, whatever objects they are. */
const asJson = (x: unknown): unknown => JSON.parse(JSON.stringify(x));

const spillDirs = (): string[] => readdirSync(tmpdir()).filter((f) => f.startsWith(`dih-scratch-${process.pid}-findings-`));

describe('validate/findings-spill', function () {
  this.timeout(120_000);

  it('validate/findings-spill/batches put aside come back as mergeOutcomes merges them: findings, order, sources, counts', function () {
    fc.assert(
      fc.property(fc.array(fc.array(findingArb, { maxLength: 12 }), { maxLength: 6 }), (batches) => {
        const expected = mergeOutcomes(asJson(batches.map(outcome)) as ValidationOutcome[]);
        const spill = new FindingsSpill();
        for (const b of batches) spill.add(outcome(b));
        const merged = spill.finish();
        try {
          assert.equal(merged.length, expected.findings.length);
          assert.deepEqual(merged.all(), asJson(expected.findings));
          // each by its number, in the order the report reads them (not the file's)
          for (let i = merged.length - 1; i >= 0; i--) assert.deepEqual(merged.at(i), asJson(expected.findings[i]));
          assert.deepEqual([merged.violations, merged.warnings, merged.conforms], [expected.violations, expected.warnings, expected.conforms]);
        } finally {
          merged.dispose();
        }
      }),
      { numRuns: 150 },
    );
  });

  it('validate/findings-spill/a long run is read back whole across the reads of 64 KB it takes', function () {
    const long = Array.from({ length: 3000 }, (_, i): ValidationFinding => ({
      severity: 'Warning', focusNode: `https://x/h${String(i).padStart(5, '0')}`, message: `é😀 ${'日本'.repeat(i % 50)}`, shape: 'https://x/S', component: 'https://x/C', sources: [{ record: `https://x/r${i}` }],
    }));
    const spill = new FindingsSpill();
    spill.add(outcome(long.filter((_, i) => i % 2 === 0)));
    spill.add(outcome(long.filter((_, i) => i % 2 === 1)));
    const merged = spill.finish();
    try {
      assert.deepEqual(merged.all(), long);
      assert.deepEqual(merged.at(2999), long[2999]);
      assert.deepEqual(merged.at(1), long[1]);
      assert.throws(() => merged.at(3000), /finding 3000 of 3000/);
    } finally {
      merged.dispose();
    }
  });

  it('validate/findings-spill/the outcome reads its findings when first asked, then its folder is gone; disposing leaves none either', function () {
    const before = spillDirs();
    const spill = new FindingsSpill();
    spill.add(outcome([{ severity: 'Violation', focusNode: 'https://x/a', message: 'm', shape: 'https://x/S', component: 'https://x/C', sources: [] }]));
    assert.equal(spillDirs().length, before.length + 1);
    const validation = spill.finish().outcome();
    assert.deepEqual([validation.violations, validation.warnings, validation.conforms], [1, 0, false]);
    assert.equal(spillDirs().length, before.length + 1, 'kept until the findings are read');
    // one at a time, read from disk, which stays
    assert.deepEqual([...eachFinding(validation)].map((f) => f.focusNode), ['https://x/a']);
    assert.equal(spillDirs().length, before.length + 1, 'still there once read one at a time');
    assert.deepEqual(Object.keys(validation).sort(), ['conforms', 'findings', 'violations', 'warnings'], 'an outcome like any other');
    assert.equal(validation.findings[0]!.focusNode, 'https://x/a');
    assert.deepEqual(spillDirs(), before);
    assert.equal(validation.findings.length, 1, 'read once, kept');
    assert.deepEqual([...eachFinding(validation)], validation.findings, 'and one at a time from what was read');
    const failed = new FindingsSpill();
    failed.add(outcome([]));
    failed.dispose();
    assert.deepEqual(spillDirs(), before);
    assert.ok(!existsSync(`${tmpdir()}/${spillDirs().find((d) => !before.includes(d)) ?? 'none'}`));
  });

  it('validate/findings-spill/an outcome nobody holds any more takes its folder with it', async function () {
    if (!collect) this.skip();
    const before = spillDirs();
    (() => {
      const spill = new FindingsSpill();
      spill.add(outcome([{ severity: 'Warning', focusNode: 'https://x/a', message: 'm', shape: 'https://x/S', component: 'https://x/C', sources: [] }]));
      assert.equal(spill.finish().outcome().warnings, 1);
      assert.equal(spillDirs().length, before.length + 1);
    })();
    // finalizers run after a collection, on a later turn
    for (let i = 0; i < 50 && spillDirs().length > before.length; i++) {
      collect();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.deepEqual(spillDirs(), before);
  });

  it('validate/findings-spill/findings put aside are not held in the heap', function () {
    if (!collect) this.skip();
    const batch = (b: number): ValidationOutcome => outcome(Array.from({ length: 2000 }, (_, i) => ({
      severity: 'Warning' as const, focusNode: `https://w3id.org/dih/source/jrc/${b}-${i}/hub`, focusLabel: `Hub ${b}-${i}`, message: 'a hub should state its status', shape: 'https://w3id.org/dih/shapes/HubShape', component: 'http://www.w3.org/ns/shacl#MinCountConstraintComponent',
      sources: [{ record: `https://w3id.org/dih/source/jrc/${b}-${i}`, file: 'synthetic.ngsi-ld.json', identifier: `r-${b}-${i}` }],
    })));
    const base = heapAfterCollection();
    const held: ValidationOutcome[] = [];
    for (let b = 0; b < 10; b++) held.push(batch(b));
    const holding = heapAfterCollection() - base;
    held.length = 0;
    const spill = new FindingsSpill();
    try {
      // What V8 keeps of the last batch it wrote (a few hundred KB) is there after the first batches as after the last.
      for (let b = 0; b < 10; b++) spill.add(batch(b));
      const start = heapAfterCollection();
      for (let b = 10; b < 30; b++) spill.add(batch(b));
      const grown = heapAfterCollection() - start;
      const merged = spill.finish();
      assert.equal(merged.length, 60_000);
      const mergedGrown = heapAfterCollection() - start;
      merged.dispose();
      // 20,000 findings held: several MB; 40,000 more put aside: what the spill remembers of its runs
      assert.ok(holding > 4 * 2 ** 20, `holding 20,000 findings took ${holding} bytes`);
      assert.ok(grown < holding / 20, `40,000 more put aside took ${grown} bytes`);
      assert.ok(mergedGrown < holding / 4, `merged, each is on disk with its offset: ${mergedGrown} bytes for 60,000`);
    } finally {
      spill.dispose();
    }
  });
});
