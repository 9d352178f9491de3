/**
 * Bytes a question turn sends to the Connector: starts a build, asks the first N bench questions
 * one at a time, and prints the request bodies' sizes (total, the card's share) and a sample body.
 * Usage: npx tsx bench/replyBytes.ts [entry] [N]
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { startProcess, question } from './turns.bench';

async function main(): Promise<void> {
  const entry = path.resolve(process.argv[2] ?? 'dist/index.js');
  const n = Number(process.argv[3] ?? 200);
  const bodies: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      bodies.push(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `act-${bodies.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trustline-bytes-'));
  const p = await startProcess('trustline', entry, { TRUSTLINE_DATA_DIR: path.join(workDir, 'data'), LOG_LEVEL: 'info' }, workDir);
  for (let i = 0; i < n; i++) {
    const r = await fetch(`${p.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(question(url, i)) });
    await r.arrayBuffer();
  }
  await p.stop();
  server.close();
  const bytes = bodies.map((b) => Buffer.byteLength(b));
  const card = bodies.map((b) => Buffer.byteLength(JSON.stringify((JSON.parse(b) as { attachments?: { content: unknown }[] }).attachments?.[0]?.content ?? '')));
  const sum = (a: number[]) => a.reduce((s, x) => s + x, 0);
  console.log(`${bodies.length} Connector requests for ${n} questions; body mean ${(sum(bytes) / n).toFixed(0)} B/turn, max ${Math.max(...bytes)}; card mean ${(sum(card) / n).toFixed(0)} B`);
  fs.writeFileSync(process.env.BODIES_OUT ?? path.join(os.tmpdir(), 'trustline-reply-bodies.jsonl'), bodies.join('\n')); // the bodies, one a line, to read
  fs.rmSync(workDir, { recursive: true, force: true });
}

main().catch((err: unknown) => { console.error(err); process.exit(1); });
