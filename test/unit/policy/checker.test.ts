import { strict as assert } from 'node:assert';
import { parsePolicy } from '../../../src/domain/policy/parser';
import { checkPolicy, formatCheckReport } from '../../../src/domain/policy/checker';

const check = (md: string) => checkPolicy(parsePolicy(md, { source: 'p.md' }));

describe('policy checker', () => {
  it('reports duplicate numbers and empty clauses as errors', () => {
    const r = check('# P\n\n## 1. A\n\n1.1. one\n\n1.1. again\n\n1.2.\n');
    assert.equal(r.errors, 2);
    assert.ok(r.issues.some((i) => i.severity === 'error' && /duplicate number 1\.1 \(first at line 5\)/.test(i.message)));
    assert.ok(r.issues.some((i) => i.severity === 'error' && /1\.2 is empty/.test(i.message)));
  });

  it('reports gaps in numbering, a missing appendix and contents entries with no text as warnings', () => {
    const r = check('# P\n\n## Contents\n\n- 1. A\n- 2. B\n- Appendix A – Forms\n\n## 1. A\n\n1.1. one\n\n1.3. three\n\n## Appendix B – Other\n\ntext\n');
    assert.equal(r.errors, 0);
    const warnings = r.issues.filter((i) => i.severity === 'warning').map((i) => i.message);
    assert.ok(warnings.includes('missing number 1.2'));
    assert.ok(warnings.some((w) => /Appendix A is missing \(listed in the contents as "Forms"/.test(w)));
    assert.ok(warnings.some((w) => /^2 "B" is listed in the contents but the document has no text for it/.test(w)));
  });

  it('reports a clause numbered outside its section, and a file with no clauses', () => {
    assert.ok(check('# P\n\n## 2. B\n\n3.1. misplaced\n').issues.some((i) => /3\.1 is under section 2/.test(i.message)));
    assert.ok(check('just some prose\n').issues.some((i) => /no clauses found/.test(i.message)));
  });

  it('formats a report that says whether the file can be loaded', () => {
    assert.match(formatCheckReport(check('# P\n\n## 1. A\n\n1.1. one\n')), /OK: no errors, 0 warning\(s\)/);
    assert.match(formatCheckReport(check('# P\n\n## 1. A\n\n1.1. one\n\n1.1. two\n')), /1 error\(s\).*fix the errors/);
  });
});
