/**
 * The knowledge base: every policy document the trust loads, parsed once, plus each document's
 * optional `<name>.meta.json` sidecar (next steps and report kinds, default topics, who to ask,
 * extra vocabulary). Loading is all-or-nothing so a reload never leaves a half-read policy in
 * service: a file that cannot be read, has no clauses or repeats a clause number is refused.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Clause, NextStep, ParseIssue, PolicyDocument } from './model';
import { parsePolicy } from './parser';
import { checkPolicy, type CheckReport } from './checker';
import type { VocabularyEntry } from './vocabulary';

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
  /** Clause keys found by their titles only (templates, forms: their words are not guidance). */
  titleOnly: Set<string>;
  reports: CheckReport[];
  loadedAt: Date;
}

export class KnowledgeBaseError extends Error {
  constructor(message: string, public readonly issues: ParseIssue[] = []) {
    super(message);
    this.name = 'KnowledgeBaseError';
  }
}

interface Sidecar {
  contact?: string;
  nextSteps?: { clauses: string[]; kind: string; step: string; action: string }[];
  topics?: string[];
  vocabulary?: VocabularyEntry[];
  titleOnly?: string[];
}

export const clauseKey = (docId: string, clauseId: string): string => `${docId}#${clauseId}`;

function sidecarPath(file: string): string {
  return path.join(path.dirname(file), `${path.basename(file).replace(/\.[^.]+$/, '')}.meta.json`);
}

async function readSidecar(file: string): Promise<Sidecar> {
  let raw: string;
  try {
    raw = await fs.readFile(sidecarPath(file), 'utf8');
  } catch {
    return {};
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (err) {
    throw new KnowledgeBaseError(`${sidecarPath(file)} is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new KnowledgeBaseError(`${sidecarPath(file)} must be a JSON object`);
  const sidecar = value as Sidecar;
  for (const step of sidecar.nextSteps ?? []) {
    if (!Array.isArray(step.clauses) || typeof step.kind !== 'string' || typeof step.step !== 'string' || typeof step.action !== 'string') {
      throw new KnowledgeBaseError(`${sidecarPath(file)}: each next step needs "clauses" (a list), "kind", "step" and "action"`);
    }
  }
  return sidecar;
}

/** Builds a knowledge base from Markdown text already in memory (tests, benchmarks). */
export function buildKnowledgeBase(sources: { source: string; markdown: string; sidecar?: Sidecar }[]): KnowledgeBase {
  const documents: PolicyDocument[] = [];
  const reports: CheckReport[] = [];
  const byKey = new Map<string, Clause>();
  const nextSteps = new Map<string, NextStep[]>();
  const topics: string[] = [];
  const vocabulary: VocabularyEntry[] = [];
  const titleOnly = new Set<string>();
  let contact: string | undefined;
  const docIds = new Set<string>();

  for (const { source, markdown, sidecar = {} } of sources) {
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
        list.push({ kind: step.kind, step: step.step, action: step.action, clauses: step.clauses });
        nextSteps.set(key, list);
      }
    }
    for (const id of sidecar.topics ?? []) {
      const key = clauseKey(parsed.document.id, id);
      if (byKey.has(key)) topics.push(key);
    }
    vocabulary.push(...(sidecar.vocabulary ?? []));
    for (const id of sidecar.titleOnly ?? []) titleOnly.add(clauseKey(parsed.document.id, id));
    contact ??= sidecar.contact;
  }

  const clauses = documents.flatMap((d) => d.clauses.filter((c) => c.kind !== 'heading' && c.text.trim() !== ''));
  if (!clauses.length) throw new KnowledgeBaseError('no policy clauses loaded');
  if (!topics.length) topics.push(...clauses.slice(0, 10).map((c) => clauseKey(c.docId, c.id)));
  return {
    documents, clauses, byKey, nextSteps, topics, vocabulary, titleOnly, reports,
    contact: contact ?? 'your headteacher',
    loadedAt: new Date(),
  };
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
    return { source: file, markdown, sidecar: await readSidecar(file) };
  }));
  return buildKnowledgeBase(sources);
}
