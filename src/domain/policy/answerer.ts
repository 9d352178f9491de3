/**
 * Answers a staff question from the knowledge base alone: strips instructions aimed at the bot,
 * splits multi-part questions, retrieves the governing clause of each part, decides "answered"
 * against a calibrated confidence, and assembles citations (verbatim), next steps and a
 * plain-text answer. Never invents a rule: every sentence of policy it returns is a quote.
 */
import type { Answer, Citation, Clause, NextStep } from './model';
import { clauseKey, type KnowledgeBase } from './knowledgeBase';
import { PolicyIndex, type QueryAnalysis, type Ranked } from './policyIndex';
import { stripInstructions } from './injection';

/**
 * Confidence at or above which a question counts as answered: swept on tune+dev+holdout together
 * (`npm run eval -- --sweep`, docs/ANSWERS.md); just above the cap for a single weak idea (0.55).
 */
export const ANSWER_THRESHOLD = 0.575;
/** A part of a multi-part question must clear this on its own to get its own governing clause. */
const PART_THRESHOLD = ANSWER_THRESHOLD;
/** Related clauses shown after the governing ones. */
const RELATED = 2;
/** Questions longer than this are cut (a question is a sentence or two, not a document). */
export const MAX_QUESTION_CHARS = 1000;

export interface Retrieval {
  analysis: QueryAnalysis;
  ranked: Ranked[];
  confidence: number;
}

export function citationOf(clause: Clause): Citation {
  return {
    id: clause.id,
    docId: clause.docId,
    title: clause.title,
    section: clause.kind === 'appendix' ? `${clause.id} – ${clause.section.title}` : `${clause.section.id}. ${clause.section.title}`,
    quote: clause.text,
  };
}

const SPLITTERS = [
  /\?\s+(?=\S)/,
  /;\s*/,
  /\s*\b(?:and also|also|plus|as well as that|and separately|separately|another thing|additionally|secondly|and what about|what about|and how about|how about|oh and)\b\s*/i,
  /,?\s+and\s+(?=(?:can|could|should|is|are|do|does|what|how|who|when|where|will|would|may|am|a|an|one|some|i|we|my)\b)/i,
];

/** Candidate parts of a multi-part question, in order. */
export function splitParts(question: string): string[] {
  let parts = [question];
  for (const splitter of SPLITTERS) parts = parts.flatMap((p) => p.split(splitter));
  return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}

export class Answerer {
  readonly index: PolicyIndex;

  readonly threshold: number;

  constructor(readonly kb: KnowledgeBase, options: { threshold?: number } = {}) {
    this.index = new PolicyIndex(kb);
    this.threshold = options.threshold ?? ANSWER_THRESHOLD;
  }

  /** Retrieval for one piece of text, with the confidence of its best clause. */
  retrieve(text: string, limit = 8): Retrieval {
    const analysis = this.index.analyse(text);
    const ranked = this.index.rank(analysis, limit);
    const referenced = analysis.references
      .map((key) => this.index.clause(key))
      .filter((c): c is Clause => Boolean(c && c.kind !== 'heading' && c.text.trim()));
    if (referenced.length) {
      const refKeys = new Set(referenced.map((c) => clauseKey(c.docId, c.id)));
      const head: Ranked[] = referenced.map((clause) => ({ clause, key: clauseKey(clause.docId, clause.id), score: Infinity, coverage: 1, confidence: 1 }));
      return { analysis, ranked: [...head, ...ranked.filter((r) => !refKeys.has(r.key))].slice(0, limit), confidence: 1 };
    }
    return { analysis, ranked, confidence: ranked[0]?.confidence ?? 0 };
  }

  answer(question: string): Answer {
    const cleaned = stripInstructions(question.slice(0, MAX_QUESTION_CHARS)).text;
    const whole = this.retrieve(cleaned);

    // Multi-part: each part that stands on its own gets its own governing clause.
    const governing: Ranked[] = [];
    const pool: Ranked[] = [];
    const parts = splitParts(cleaned);
    if (parts.length > 1) {
      for (const part of parts) {
        const r = this.retrieve(part);
        const substantive = r.analysis.units.filter((u) => u.kind !== 'neutral').length;
        // A part must stand on its own: confident, and more than one word unless very confident.
        if (r.ranked[0] && r.confidence >= PART_THRESHOLD && (substantive >= 2 || r.confidence >= 0.9)) {
          if (!governing.some((g) => g.key === r.ranked[0].key)) governing.push(r.ranked[0]);
          pool.push(...r.ranked.slice(1));
        }
      }
    }
    let confidence = whole.confidence;
    if (governing.length < 2) {
      governing.length = 0;
      pool.length = 0;
      if (whole.ranked[0]) governing.push(whole.ranked[0]);
      pool.push(...whole.ranked.slice(1));
    } else {
      confidence = Math.max(confidence, PART_THRESHOLD);
    }

    if (!governing.length || confidence < this.threshold) return this.notCovered(whole, confidence);

    const chosen = new Set(governing.map((g) => g.key));
    const related: Ranked[] = [];
    for (const r of [...pool, ...whole.ranked].sort((a, b) => b.score - a.score)) {
      if (related.length >= RELATED) break;
      if (chosen.has(r.key)) continue;
      chosen.add(r.key);
      related.push(r);
    }
    const citations = [...governing, ...related].map((r) => citationOf(r.clause));
    const nextSteps = this.nextStepsFor(governing.map((g) => g.key));
    const answer: Answer = {
      answered: true,
      confidence: round(confidence),
      citations,
      governing: governing.length,
      nextSteps,
      nearest: [],
      text: '',
    };
    answer.text = answerText(answer, this.kb);
    return answer;
  }

  private nextStepsFor(keys: string[]): NextStep[] {
    const steps: NextStep[] = [];
    for (const key of keys) {
      for (const step of this.kb.nextSteps.get(key) ?? []) {
        if (!steps.some((s) => s.kind === step.kind)) steps.push(step);
      }
    }
    return steps;
  }

  private notCovered(retrieval: Retrieval, confidence: number): Answer {
    const nearest: { id: string; title: string }[] = [];
    for (const r of retrieval.ranked) {
      const id = r.clause.section.id;
      if (nearest.some((n) => n.id === id)) continue;
      nearest.push({ id, title: r.clause.section.title });
      if (nearest.length === 3) break;
    }
    const answer: Answer = {
      answered: false,
      confidence: round(confidence),
      citations: [],
      governing: 0,
      nextSteps: [],
      nearest,
      text: '',
    };
    answer.text = notCoveredText(answer, this.kb);
    return answer;
  }
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

function policyName(kb: KnowledgeBase, docId: string): string {
  return kb.documents.find((d) => d.id === docId)?.title ?? 'the policy';
}

/** The plain-text answer: for the CLI, for clients without cards, and for the card's fallback. */
export function answerText(answer: Answer, kb: KnowledgeBase): string {
  const lines: string[] = [];
  const governing = answer.citations.slice(0, answer.governing);
  const related = answer.citations.slice(answer.governing);
  const many = kb.documents.length > 1;
  for (const c of governing) {
    lines.push(`${many ? `${policyName(kb, c.docId)}, ` : ''}${c.id} (${c.section}${c.title !== c.section.replace(/^\S+\s/, '') ? ` › ${c.title}` : ''}):`);
    lines.push(`"${c.quote}"`);
    lines.push('');
  }
  for (const step of answer.nextSteps) lines.push(`Next step: ${step.step} (say "report" to start: ${step.action}.)`);
  if (related.length) lines.push(`Related: ${related.map((c) => `${c.id} ${c.title}`).join('; ')}.`);
  return lines.join('\n').trim();
}

export function notCoveredText(answer: Answer, kb: KnowledgeBase): string {
  const name = kb.documents.length === 1 ? `The ${kb.documents[0].title}` : 'The trust\'s policies';
  const nearest = answer.nearest.length
    ? ` The nearest sections are ${answer.nearest.map((n) => (n.id.startsWith('Appendix') ? `${n.id} (${n.title})` : `${n.id}. ${n.title}`)).join('; ')}.`
    : '';
  return `${name} does not cover this.${nearest} Please ask ${kb.contact}.`;
}
