import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_POLICY } from '../../../src/config';
import { PolicyService } from '../../../src/domain/policy/service';
import { KnowledgeBaseError, loadKnowledgeBase } from '../../../src/domain/policy/knowledgeBase';

describe('policy service', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trustline-svc-'));
    file = path.join(dir, 'policy.md');
    fs.copyFileSync(DEFAULT_POLICY, file);
    fs.copyFileSync(DEFAULT_POLICY.replace(/\.md$/, '.meta.json'), path.join(dir, 'policy.meta.json'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reload swaps in a revised policy, and keeps the old one when the new file does not load', async () => {
    const service = await PolicyService.load({ paths: [file] });
    assert.match(service.answer('how quickly should I reply to emails').citations[0]?.quote ?? '', /48 hours/);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('within 48 hours', 'within 24 hours'));
    assert.deepEqual(await service.reload(), { documents: 1, clauses: service.knowledgeBase.clauses.length, warnings: 1 });
    assert.match(service.answer('how quickly should I reply to emails').citations[0]?.quote ?? '', /24 hours/);
    fs.writeFileSync(file, 'not a policy at all');
    await assert.rejects(service.reload(), KnowledgeBaseError);
    fs.rmSync(file);
    await assert.rejects(service.reload(), /cannot read policy file/);
    assert.match(service.answer('how quickly should I reply to emails').citations[0]?.quote ?? '', /24 hours/);
  });

  it('refuses a sidecar next step that names a clause the policy lacks', async () => {
    fs.writeFileSync(path.join(dir, 'policy.meta.json'), JSON.stringify({ nextSteps: [{ clauses: ['99.1'], kind: 'x', step: 's', action: 'a' }] }));
    await assert.rejects(loadKnowledgeBase([file]), /names clause 99\.1/);
  });

  it('refuses sidecar conditions for a clause the policy lacks', async () => {
    fs.writeFileSync(path.join(dir, 'policy.meta.json'), JSON.stringify({ conditions: { '99.2': ['friend'] } }));
    await assert.rejects(loadKnowledgeBase([file]), /conditions name clause 99\.2/);
  });

  it('search: clause numbers and sections by prefix, words like questions, empty = topics', async () => {
    const service = await PolicyService.load({ paths: [DEFAULT_POLICY] });
    assert.deepEqual(service.search('4.2').map((h) => h.citation.id), ['4.2.1', '4.2.2', '4.2.3', '4.2.4', '4.2.5']);
    assert.deepEqual(service.search('appendix c').map((h) => h.citation.id), ['Appendix C']);
    assert.ok(service.search('journalist').slice(0, 3).some((h) => h.citation.id === '10.1'));
    assert.equal(service.search('').length, 10);
    assert.deepEqual(service.search('zzzz qqqq'), []);
  });
});
