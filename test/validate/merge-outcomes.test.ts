/** The outcomes of a build's batches as one: every finding once, in one order. */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { mergeOutcomes, type ValidationFinding, type ValidationOutcome } from '../../src/validate/validate.js';

const finding = (focusNode: string, over: Partial<ValidationFinding> = {}): ValidationFinding => ({
  severity: 'Warning', focusNode, message: 'm', shape: 'https://w3id.org/dih/shapes/S', component: 'http://www.w3.org/ns/shacl#MinCountConstraintComponent', sources: [{ record: `${focusNode}/record` }], ...over,
});
const outcome = (findings: ValidationFinding[]): ValidationOutcome => ({ conforms: true, findings, violations: 0, warnings: findings.length });

/** The order the key the findings were once sorted by gives. */
const key = (f: ValidationFinding): string => [f.severity === 'Violation' ? 0 : 1, f.focusNode, f.path ?? '', f.value ?? '', f.message, f.component, f.shape].join('\u0000');

describe('validate/mergeOutcomes', function () {
  it('validate/mergeOutcomes a finding of two batches once, with the records of both, violations first', function () {
    const a = outcome([finding('https://x/b'), finding('https://x/shared', { sources: [{ record: 'https://x/r1' }] })]);
    const b = outcome([finding('https://x/shared', { sources: [{ record: 'https://x/r2' }] }), finding('https://x/a', { severity: 'Violation' })]);
    const merged = mergeOutcomes([a, b]);
    assert.deepEqual(merged.findings.map((f) => f.focusNode), ['https://x/a', 'https://x/b', 'https://x/shared']);
    assert.deepEqual(merged.findings[2]!.sources.map((s) => s.record), ['https://x/r1', 'https://x/r2']);
    assert.equal(merged.violations, 1);
    assert.equal(merged.warnings, 2);
    assert.equal(merged.conforms, false);
  });

  it('validate/mergeOutcomes sorts as the joined key did, field by field', function () {
    const text = fc.constantFrom('', 'a', 'ab', 'b', 'a b', 'é');
    const arb = fc.record({ severity: fc.constantFrom('Violation', 'Warning', 'Info'), focusNode: text, path: fc.option(text, { nil: undefined }), value: fc.option(text, { nil: undefined }), message: text, component: text, shape: text });
    fc.assert(fc.property(fc.array(arb, { maxLength: 30 }), (fields) => {
      const findings = fields.map((f) => finding(f.focusNode, { ...f, sources: [] } as Partial<ValidationFinding>));
      const merged = mergeOutcomes([outcome(findings)]).findings;
      const expected = [...new Map(findings.map((f) => [key(f), f])).keys()].sort();
      assert.deepEqual(merged.map(key), expected);
    }));
  });
});
