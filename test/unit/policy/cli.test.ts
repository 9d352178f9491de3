import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { main, findCommand } from '../../../src/cli/main';
import type { CliCommand, CliIo } from '../../../src/cli/io';
import { DEFAULT_POLICY } from '../../../src/config';

function io(stdin?: string, env: Record<string, string | undefined> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), env, stdin: stdin === undefined ? undefined : Readable.from([stdin]) };
  return { io: value, out, err };
}

describe('trustline CLI', () => {
  it('ask --json prints the answer with citations best first, ids exactly the policy\'s numbers', async () => {
    const t = io();
    assert.equal(await main(['ask', 'a y6 girl added me on snapchat', '--json'], t.io), 0);
    const answer = JSON.parse(t.out[0]) as { answered: boolean; citations: { id: string; title: string; quote: string }[]; text: string };
    assert.deepEqual(Object.keys(answer), ['answered', 'citations', 'text']);
    assert.equal(answer.answered, true);
    assert.equal(answer.citations[0].id, '7.6.15');
    assert.deepEqual(Object.keys(answer.citations[0]), ['id', 'title', 'quote']);
    assert.equal(answer.citations[0].title, 'Staff Conduct on Social Media Accounts');
    assert.match(answer.citations[0].quote, /^Colleagues must not be connected to pupils\/students/);
  });

  it('ask without --json prints plain text; a question it cannot answer says so', async () => {
    const t = io();
    await main(['ask', 'what', 'is', 'the', 'wifi', 'password'], t.io);
    assert.match(t.out[0], /does not cover this/);
  });

  it('reads questions from stdin and prints one JSON line per line, in order, blank lines included', async () => {
    const t = io('can i use my gmail for work\n\n{"question": "when should I use bcc"}\r\nhow many days of annual leave do I get\n');
    assert.equal(await main(['ask'], t.io), 0);
    const lines = t.out.map((l) => JSON.parse(l) as { answered: boolean; citations: { id: string }[] });
    assert.equal(lines.length, 4);
    assert.equal(lines[0].citations[0].id, '4.1.1');
    assert.equal(lines[1].answered, false);
    assert.equal(lines[2].citations[0].id, '4.1.13');
    assert.equal(lines[3].answered, false);
  });

  it('policy check names the clauses the learned classifier was not trained on (a revised clause), without failing', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trustline-cli-'));
    // Same file name: the model's classes are keyed by document (file name) and clause number.
    const file = path.join(dir, path.basename(DEFAULT_POLICY));
    for (const suffix of ['.meta.json', '.aliases.json', '.classifier.json']) fs.copyFileSync(DEFAULT_POLICY.replace(/\.md$/, suffix), file.replace(/\.md$/, suffix));
    const markdown = fs.readFileSync(DEFAULT_POLICY, 'utf8');
    fs.writeFileSync(file, markdown);
    const current = io();
    assert.equal(await main(['policy', 'check', file, '--json'], current.io), 0);
    assert.deepEqual((JSON.parse(current.out[0]) as { classifierStale: string[] }).classifierStale, []);
    fs.writeFileSync(file, markdown.replace(/^(7\.6\.15\.? .*)$/m, '$1 This sentence is new.'));
    const revised = io();
    assert.equal(await main(['policy', 'check', file], revised.io), 0);
    assert.match(revised.out.join('\n'), /learned classifier: 1 clause\(s\) new or changed since it was trained \(7\.6\.15\)/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('policy check: 0 for the shipped policy (noting Appendix A), 1 with errors, 2 for an unreadable file', async () => {
    const ok = io();
    assert.equal(await main(['policy', 'check', DEFAULT_POLICY], ok.io), 0);
    assert.match(ok.out.join('\n'), /Appendix A is missing/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trustline-cli-'));
    const bad = path.join(dir, 'bad.md');
    fs.writeFileSync(bad, '# P\n\n## 1. A\n\n1.1. one\n\n1.1. two\n');
    const b = io();
    assert.equal(await main(['policy', 'check', bad, '--json'], b.io), 1);
    assert.equal((JSON.parse(b.out[0]) as { errors: number }).errors, 1);
    const missing = io();
    assert.equal(await main(['policy', 'check', path.join(dir, 'nope.md')], missing.io), 2);
    assert.equal(await main(['policy', 'check', DEFAULT_POLICY, '--strict'], io().io), 1, '--strict fails on warnings');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('gaps lists what the store holds (empty store: says so)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trustline-cli-'));
    const t = io(undefined, { TRUSTLINE_DATA_DIR: dir, NODE_ENV: 'test' });
    assert.equal(await main(['gaps'], t.io), 0);
    assert.match(t.out[0], /No policy gaps recorded/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('dispatches multi-word commands, longest first, and refuses unknown ones with usage', async () => {
    const seen: string[][] = [];
    const cmd = (name: string): CliCommand => ({ name, summary: name, usage: name, run: async (args) => { seen.push([name, ...args]); return 0; } });
    const commands = [cmd('reports'), cmd('reports list'), cmd('ask')];
    assert.equal(findCommand(['reports', 'list', '--json'], commands)?.command.name, 'reports list');
    assert.equal(await main(['reports', 'show', 'PC-1'], io().io, commands), 0);
    assert.deepEqual(seen, [['reports', 'show', 'PC-1']]);
    const t = io();
    assert.equal(await main(['frobnicate'], t.io, commands), 2);
    assert.match(t.err[0], /Unknown command "frobnicate"\.\n\nUsage:/);
  });

  it('gives the first word of a two-word command ("policy --help") that command\'s options, and names it when a word is missing', async () => {
    const help = io();
    assert.equal(await main(['policy', '--help'], help.io), 0);
    assert.match(help.out.join('\n'), /trustline policy check FILE\.\.\./);
    const bare = io();
    assert.equal(await main(['policy'], bare.io), 2);
    assert.match(bare.err[0], /Unknown command "policy"\. Did you mean "policy check"\?/);
  });

  it('runs as the `trustline` program (npm run trustline) with the shebang entry point', () => {
    const first = fs.readFileSync(path.resolve(__dirname, '../../../src/cli/main.ts'), 'utf8').split('\n')[0];
    assert.equal(first, '#!/usr/bin/env node');
    const root = path.resolve(__dirname, '../../..');
    const r = spawnSync(path.join(root, 'node_modules', '.bin', 'tsx'), [path.join(root, 'src/cli/main.ts'), 'ask', 'can I use my gmail for work', '--json'], { encoding: 'utf8', cwd: os.tmpdir() });
    assert.equal(r.status, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { citations: { id: string }[] }).citations[0].id, '4.1.1');
  });
});
