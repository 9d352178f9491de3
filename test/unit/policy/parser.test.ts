import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import { parsePolicy } from '../../../src/domain/policy/parser';
import { checkPolicy } from '../../../src/domain/policy/checker';
import { DEFAULT_POLICY } from '../../../src/config';

const SAMPLE = `# Sample Policy

## Contents

- 1. Scope ..... 3
- 2. Email
- Appendix A – Forms

## 1. Scope

1.1. This policy applies to staff.
It continues on a second line.

1.2. Staff must:

- do one thing
- do another

## 2. Email

### 2.1. Sending

2.1.1. Use your work address.

## Appendix A – Forms

Form text line one.
- a listed item
`;

describe('policy parser', () => {
  const { document, issues } = parsePolicy(SAMPLE, { source: 'policies/sample-policy.md' });
  const byId = (id: string) => document.clauses.find((c) => c.id === id);

  it('reads the title, sections, numbered headings, clauses and appendices with their numbers', () => {
    assert.deepEqual(issues, []);
    assert.equal(document.id, 'sample-policy');
    assert.equal(document.title, 'Sample Policy');
    assert.deepEqual(document.sections.map((s) => s.id), ['1', '2', 'Appendix A']);
    assert.deepEqual(document.clauses.map((c) => `${c.id}:${c.kind}`), ['1:heading', '1.1:clause', '1.2:clause', '2:heading', '2.1:heading', '2.1.1:clause', 'Appendix A:appendix']);
    assert.deepEqual(document.contents.map((e) => `${e.id} ${e.title}`), ['1 Scope', '2 Email', 'Appendix A Forms']);
  });

  it('keeps the words exactly, with continuation lines and bullets belonging to their clause', () => {
    assert.equal(byId('1.1')?.text, 'This policy applies to staff.\nIt continues on a second line.');
    assert.equal(byId('1.2')?.text, 'Staff must:\n- do one thing\n- do another');
    assert.equal(byId('Appendix A')?.text, 'Form text line one.\n- a listed item');
  });

  it('gives each clause its parent, section and nearest heading title', () => {
    const c = byId('2.1.1');
    assert.equal(c?.parent, '2.1');
    assert.deepEqual(c?.section, { id: '2', title: 'Email' });
    assert.equal(c?.title, 'Sending');
    assert.equal(byId('1.1')?.title, 'Scope');
  });

  it('reports text it cannot place and unnumbered sections as errors with line numbers', () => {
    const bad = parsePolicy('# T\n\nstray preamble\n\n## Scope\n\nsome text\n\n## 1. Real\n\nloose line before any clause\n\n1.1. ok\n', { source: 'x.md' });
    const messages = bad.issues.map((i) => `${i.line}:${i.severity}:${i.message}`);
    assert.ok(messages.some((m) => m.startsWith('3:error') && /not inside a numbered section/.test(m)));
    assert.ok(messages.some((m) => m.startsWith('5:error') && /has no number/.test(m)));
    assert.ok(messages.some((m) => m.startsWith('11:error') && /before the first numbered clause/.test(m)));
  });
});

describe('the shipped policy', () => {
  const markdown = fs.readFileSync(DEFAULT_POLICY, 'utf8');
  const parsed = parsePolicy(markdown, { source: DEFAULT_POLICY });
  const report = checkPolicy(parsed);
  const byId = (id: string) => parsed.document.clauses.find((c) => c.id === id);

  it('parses cleanly: ten sections, every clause numbered, Appendices B and C, and only the missing Appendix A noted', () => {
    assert.equal(report.errors, 0);
    assert.equal(report.counts.sections, 10);
    assert.equal(report.counts.appendices, 2);
    assert.ok(report.counts.clauses >= 100);
    assert.deepEqual(report.issues.map((i) => i.message), ['Appendix A is missing (listed in the contents as "Review and Revision Schedule", but the document has no text for it)']);
  });

  it('keeps bullets with their parent clause (3.1, 7.3.3, 8.1) and section 6 and 7.3 as numbered clauses', () => {
    assert.equal(byId('3.1')?.text.split('\n').length, 4);
    assert.match(byId('7.3.3')?.text ?? '', /^Anyone wishing to create a new account[^\n]*\n- The aim of the account\.\n- The intended audience/);
    assert.equal(byId('8.1')?.text.split('\n').filter((l) => l.startsWith('- ')).length, 6);
    assert.equal(byId('6.4')?.text, 'Colleagues must keep their IT account passwords confidential to prevent other users from accessing their accounts.');
    assert.equal(byId('7.3')?.kind, 'heading');
    assert.equal(byId('7.3.5')?.parent, '7.3');
  });

  // The trust's own text ships beside the project (../shared/seed); CI lays it out the same way.
  const seedDir = path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'seed');
  const seedFile = fs.existsSync(seedDir) ? fs.readdirSync(seedDir).find((f) => f.endsWith('.txt')) : undefined;

  it('quotes every clause verbatim from the trust\'s text', function () {
    if (!seedFile) this.skip();
    const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
    const seed = norm(fs.readFileSync(path.join(seedDir, seedFile as string), 'utf8'));
    for (const clause of parsed.document.clauses) {
      if (clause.kind === 'heading') {
        assert.ok(seed.includes(norm(`${clause.id}. ${clause.title}`)) || seed.includes(norm(`${clause.id}. ${clause.section.title}`)), `heading ${clause.id}`);
        continue;
      }
      for (const line of clause.text.split('\n')) {
        assert.ok(seed.includes(norm(line)), `${clause.id}: "${line.slice(0, 60)}" is in the seed text`);
      }
      if (clause.kind === 'clause') assert.ok(seed.includes(norm(`${clause.id}. ${clause.text.split('\n')[0]}`)), `${clause.id} starts with its number`);
    }
    // And nothing numbered in the seed is missing from the policy.
    const seedNumbers = [...seed.matchAll(/(?:^|\s)(\d+\.\d+(?:\.\d+)?)\.\s/g)].map((m) => m[1]);
    for (const n of seedNumbers) assert.ok(byId(n), `clause ${n} of the seed is in the policy`);
  });
});
