/**
 * The knowledge base: every policy document the trust loads, parsed once, plus each document's
 * optional `<name>.meta.json` sidecar (next steps and report kinds, default topics, who to ask,
 * extra vocabulary) and `<name>.aliases.json` (how staff describe each clause's situation, indexed
 * as a lower-weighted field; never quoted). Loading is all-or-nothing so a reload never leaves a half-read policy in
 * service: a file that cannot be read, has no clauses or repeats a clause number is refused.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Clause, NextStep, ParseIssue, PolicyDocument } from './model';
import { parsePolicy } from './parser';
import { checkPolicy, type CheckReport } from './checker';
import type { VocabularyEntry } from './vocabulary';
import type { ClassifierModel } from './classifier';
import { compilePairRanker, type CompiledPairRanker, type PairRankerModel } from './pairRanker';

export interface KnowledgeBase {
  documents: PolicyDocument[];
  /** Clauses with text (numbered clauses and appendices), in document order. */
  clauses: Clause[];
  /** `docId#clauseId` -> clause, for every clause and heading. */
  byKey: Map<string, Clause>;
  /** `docId#clauseId` -> next steps for that clause. */
  nextSteps: Map<string, NextStep[]>;
  /** Clause keys to list when nobody has asked anything yet (message extension initial run). */
  topics: string[];
  /** Who to ask when the policy does not cover a question. */
  contact: string;
  /** Vocabulary added by the documents' sidecars. */
  vocabulary: VocabularyEntry[];
  /** School topics added by the sidecars (see SCHOOL_TOPICS): salient when a question names them. */
  otherTopics: string[];
  /** Clause keys found by their titles only (templates, forms: their words are not guidance). */
  titleOnly: Set<string>;
  /**
   * `docId#clauseId` -> words of the case a clause is about, one of which a question must have for
   * the clause to lead (7.6.17 is about connecting with parents, not any story with a parent in it).
   */
  conditions: Map<string, string[]>;
  /** `docId#clauseId` -> staff phrasings of the situations the clause governs (aliases file). */
  aliases: Map<string, string[]>;
  /** `docId#clauseId` -> the one-line situation a "which is closest" button shows (sidecar `situations`). */
  situations: Map<string, string>;
  reports: CheckReport[];
  loadedAt: Date;
  /** The learned clause classifier trained for this policy (`<name>.classifier.json`), if shipped. */
  classifier?: ClassifierModel;
  /** The learned pair re-ranker trained for this policy (`<name>.ranker.json`), if shipped, in its compact form. */
  pairRanker?: CompiledPairRanker;
}

export class KnowledgeBaseError extends Error {
  constructor(message: string, public readonly issues: ParseIssue[] = []) {
    super(message);
    this.name = 'KnowledgeBaseError';
  }
}

interface Sidecar {
  contact?: string;
  /** `sending`: the step when the asker is the one connecting (direction.ts); kind '' = no report button. */
  nextSteps?: { clauses: string[]; kind: string; step: string; action: string; sending?: { kind?: string; step: string; action?: string } }[];
  topics?: string[];
  vocabulary?: VocabularyEntry[];
  titleOnly?: string[];
  otherTopics?: string[];
  conditions?: Record<string, string[]>;
  situations?: Record<string, string>;
}

/** `<name>.aliases.json`: staff phrasings per clause (or group of clauses). */
export interface AliasFile {
  aliases: { clauses: string[]; phrases: string[] }[];
}

export const clauseKey = (docId: string, clauseId: string): string => `${docId}#${clauseId}`;

function besidePath(file: string, suffix: string): string {
  return path.join(path.dirname(file), `${path.basename(file).replace(/\.[^.]+$/, '')}${suffix}`);
}

/** Reads an optional JSON object next to the policy file; absent -> undefined. */
async function readJsonBeside(file: string, suffix: string): Promise<Record<string, unknown> | undefined> {
  const where = besidePath(file, suffix);
  let raw: string;
  try {
    raw = await fs.readFile(where, 'utf8');
  } catch {
    return undefined;
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (err) {
    throw new KnowledgeBaseError(`${where} is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new KnowledgeBaseError(`${where} must be a JSON object`);
  return value as Record<string, unknown>;
}

async function readAliases(file: string): Promise<AliasFile | undefined> {
  const value = await readJsonBeside(file, '.aliases.json');
  if (!value) return undefined;
  const where = besidePath(file, '.aliases.json');
  const entries = value.aliases;
  const ok = Array.isArray(entries) && entries.every((e: unknown) => {
    const entry = e as { clauses?: unknown; phrases?: unknown };
    return typeof e === 'object' && e !== null
      && Array.isArray(entry.clauses) && entry.clauses.length > 0 && entry.clauses.every((c) => typeof c === 'string')
      && Array.isArray(entry.phrases) && entry.phrases.every((p) => typeof p === 'string');
  });
  if (!ok) throw new KnowledgeBaseError(`${where}: "aliases" must be a list of { "clauses": [clause numbers], "phrases": [text] }`);
  return value as unknown as AliasFile;
}

/** `<name>.classifier.json`: the learned clause classifier's weights (classifier.ts), if shipped. */
async function readClassifier(file: string): Promise<ClassifierModel | undefined> {
  const value = await readJsonBeside(file, '.classifier.json');
  if (!value) return undefined;
  const m = value as Partial<ClassifierModel>;
  const ok = typeof m.trainedOn === 'string' && typeof m.featureVersion === 'number' && Array.isArray(m.classes) && Array.isArray(m.bias) && m.bias.length === m.classes.length
    && typeof m.weights === 'object' && m.weights !== null
    && Object.values(m.weights).every((row) => Array.isArray(row) && row.length % 2 === 0 && row.every((x, i) => typeof x === 'number' && (i % 2 === 1 || (Number.isInteger(x) && x >= 0 && x < (m.bias?.length ?? 0)))))
    && (m.generalShift === undefined || (Array.isArray(m.generalShift) && m.generalShift.length === m.bias.length && m.generalShift.every((x) => typeof x === 'number')));
  if (!ok) throw new KnowledgeBaseError(`${besidePath(file, '.classifier.json')}: not a classifier model (npm run train:classifier writes it)`);
  return m as ClassifierModel;
}

/** `<name>.ranker.json`: the learned pair re-ranker (pairRanker.ts), if shipped. */
async function readPairRanker(file: string): Promise<PairRankerModel | undefined> {
  const value = await readJsonBeside(file, '.ranker.json');
  if (!value) return undefined;
  const m = value as Partial<PairRankerModel>;
  const bags = (list: unknown) => Array.isArray(list) && list.every((e) => Array.isArray(e) && typeof e[0] === 'string' && Array.isArray(e[1]) && e[1].every((i: unknown) => Number.isInteger(i)));
  const ok = typeof m.trainedOn === 'string' && typeof m.featureVersion === 'number' && Array.isArray(m.features) && Array.isArray(m.weights)
    && m.weights.length === m.features.length && m.weights.every((w) => typeof w === 'number') && Array.isArray(m.classes) && bags(m.questions) && bags(m.phrasings)
    && (m.words === undefined || (Array.isArray(m.words) && m.words.every((w) => typeof w === 'string')));
  if (!ok) throw new KnowledgeBaseError(`${besidePath(file, '.ranker.json')}: not a pair re-ranker model (npm run train:ranker writes it)`);
  return m as PairRankerModel;
}

async function readSidecar(file: string): Promise<Sidecar> {
  const value = await readJsonBeside(file, '.meta.json');
  if (!value) return {};
  const sidecar = value as Sidecar;
  for (const step of sidecar.nextSteps ?? []) {
    if (!Array.isArray(step.clauses) || typeof step.kind !== 'string' || typeof step.step !== 'string' || typeof step.action !== 'string') {
      throw new KnowledgeBaseError(`${besidePath(file, '.meta.json')}: each next step needs "clauses" (a list), "kind", "step" and "action"`);
    }
    if (step.sending !== undefined && (typeof step.sending !== 'object' || typeof step.sending.step !== 'string')) {
      throw new KnowledgeBaseError(`${besidePath(file, '.meta.json')}: a next step's "sending" needs a "step"`);
    }
  }
  return sidecar;
}

/** Builds a knowledge base from Markdown text already in memory (tests, benchmarks). */
export function buildKnowledgeBase(sources: { source: string; markdown: string; sidecar?: Sidecar; aliases?: AliasFile; classifier?: ClassifierModel; pairRanker?: PairRankerModel | CompiledPairRanker }[]): KnowledgeBase {
  const documents: PolicyDocument[] = [];
  const reports: CheckReport[] = [];
  const byKey = new Map<string, Clause>();
  const nextSteps = new Map<string, NextStep[]>();
  const topics: string[] = [];
  const vocabulary: VocabularyEntry[] = [];
  const otherTopics: string[] = [];
  const titleOnly = new Set<string>();
  const conditions = new Map<string, string[]>();
  const aliases = new Map<string, string[]>();
  const situations = new Map<string, string>();
  let contact: string | undefined;
  const docIds = new Set<string>();

  const classifiers: ClassifierModel[] = [];
  const rankers: (PairRankerModel | CompiledPairRanker)[] = [];
  for (const { source, markdown, sidecar = {}, aliases: aliasFile, classifier, pairRanker } of sources) {
    if (classifier) classifiers.push(classifier);
    if (pairRanker) rankers.push(pairRanker);
    const parsed = parsePolicy(markdown, { source });
    if (docIds.has(parsed.document.id)) {
      throw new KnowledgeBaseError(`two policy files have the same name "${parsed.document.id}": rename one`);
    }
    docIds.add(parsed.document.id);
    const report = checkPolicy(parsed);
    const fatal = report.issues.filter((i) => i.severity === 'error' && /duplicate number|no clauses found/.test(i.message));
    if (fatal.length) {
      throw new KnowledgeBaseError(`${source}: ${fatal.map((i) => i.message).join('; ')}`, fatal);
    }
    reports.push(report);
    documents.push(parsed.document);
    for (const clause of parsed.document.clauses) byKey.set(clauseKey(clause.docId, clause.id), clause);

    for (const step of sidecar.nextSteps ?? []) {
      for (const id of step.clauses) {
        const key = clauseKey(parsed.document.id, id);
        if (!byKey.has(key)) throw new KnowledgeBaseError(`${source}: next step "${step.kind}" names clause ${id}, which the policy does not have`);
        const list = nextSteps.get(key) ?? [];
        const sending = step.sending ? { kind: step.sending.kind ?? '', step: step.sending.step, action: step.sending.action ?? '' } : undefined;
        list.push({ kind: step.kind, step: step.step, action: step.action, clauses: step.clauses, ...(sending ? { sending } : {}) });
        nextSteps.set(key, list);
      }
    }
    for (const id of sidecar.topics ?? []) {
      const key = clauseKey(parsed.document.id, id);
      if (byKey.has(key)) topics.push(key);
    }
    vocabulary.push(...(sidecar.vocabulary ?? []));
    otherTopics.push(...(sidecar.otherTopics ?? []));
    for (const id of sidecar.titleOnly ?? []) titleOnly.add(clauseKey(parsed.document.id, id));
    for (const [id, words] of Object.entries(sidecar.conditions ?? {})) {
      const key = clauseKey(parsed.document.id, id);
      if (!byKey.has(key)) throw new KnowledgeBaseError(`${source}: conditions name clause ${id}, which the policy does not have`);
      conditions.set(key, words);
    }
    for (const [id, line] of Object.entries(sidecar.situations ?? {})) {
      if (id.startsWith('$')) continue; // "$comment"
      const key = clauseKey(parsed.document.id, id);
      if (!byKey.has(key)) throw new KnowledgeBaseError(`${source}: situations name clause ${id}, which the policy does not have`);
      if (typeof line !== 'string' || !line.trim()) throw new KnowledgeBaseError(`${source}: the situation for clause ${id} must be a line of text`);
      situations.set(key, line.trim().slice(0, 160));
    }
    for (const entry of aliasFile?.aliases ?? []) {
      for (const id of entry.clauses) {
        const key = clauseKey(parsed.document.id, id);
        const clause = byKey.get(key);
        if (!clause || clause.kind === 'heading') throw new KnowledgeBaseError(`${source}: aliases name clause ${id}, which the policy does not have`);
        aliases.set(key, [...(aliases.get(key) ?? []), ...entry.phrases]);
      }
    }
    contact ??= sidecar.contact;
  }

  const clauses = documents.flatMap((d) => d.clauses.filter((c) => c.kind !== 'heading' && c.text.trim() !== ''));
  if (!clauses.length) throw new KnowledgeBaseError('no policy clauses loaded');
  if (!topics.length) topics.push(...clauses.slice(0, 10).map((c) => clauseKey(c.docId, c.id)));
  return {
    documents, clauses, byKey, nextSteps, topics, vocabulary, otherTopics, titleOnly, conditions, aliases, situations, reports,
    contact: contact ?? 'your headteacher',
    loadedAt: new Date(),
    // One document's model: with several documents the classes would not cover them all.
    ...(classifiers.length === 1 && documents.length === 1 ? { classifier: classifiers[0] } : {}),
    ...(rankers.length === 1 && documents.length === 1 ? { pairRanker: compiledRanker(rankers[0], sources[0].source) } : {}),
  };
}

/** The re-ranker in its compact form; a bag naming a word its table lacks is a malformed sidecar, named like the others. */
function compiledRanker(model: PairRankerModel | CompiledPairRanker, source: string): CompiledPairRanker {
  try {
    return compilePairRanker(model);
  } catch (err) {
    if (err instanceof RangeError) throw new KnowledgeBaseError(`${besidePath(source, '.ranker.json')}: ${err.message} (npm run train:ranker writes it)`);
    throw err;
  }
}

/** Reads the policy files (and their sidecars) named in configuration. */
export async function loadKnowledgeBase(paths: string[]): Promise<KnowledgeBase> {
  if (!paths.length) throw new KnowledgeBaseError('no policy files configured (POLICY_PATHS)');
  const sources = await Promise.all(paths.map(async (file) => {
    let markdown: string;
    try {
      markdown = await fs.readFile(file, 'utf8');
    } catch (err) {
      throw new KnowledgeBaseError(`cannot read policy file ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    return { source: file, markdown, sidecar: await readSidecar(file), aliases: await readAliases(file), classifier: await readClassifier(file), pairRanker: await readPairRanker(file) };
  }));
  return buildKnowledgeBase(sources);
}
