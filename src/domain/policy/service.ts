/**
 * The answers feature as one service for the Teams layer and the CLI: loads the knowledge base
 * once, answers (offline, optionally phrased by a model), searches clauses for the message
 * extension, keeps the most-asked topics, records policy gaps, and reloads the policy files
 * atomically (a new index is built aside and swapped in only if the files load cleanly).
 */
import type { Answer, Citation, Clause } from './model';
import { clauseKey, loadKnowledgeBase, type KnowledgeBase } from './knowledgeBase';
import { Answerer, citationOf } from './answerer';
import { citedIds, type Phraser } from './phraser';
import type { GapStore } from './gaps';
import type { ChoiceLog } from './choices';
import { answerForClause, decide, type Decision } from './decision';

export interface PolicyServiceOptions {
  paths: string[];
  phraser?: Phraser;
  gaps?: GapStore;
  /** Where "which is closest" offers and picks are kept (anonymous training data). */
  choices?: ChoiceLog;
  /** Called when phrasing fails (the offline answer is used); gets no question text. */
  onPhraserError?: (err: unknown) => void;
}

export interface ReloadResult {
  documents: number;
  clauses: number;
  warnings: number;
}

/** Message-extension results: clauses with a relevance score. */
export interface SearchHit {
  citation: Citation;
  key: string;
}

const SEARCH_LIMIT = 10;
/** The message extension lists anything this relevant (lower than answering: a person picks). */
const SEARCH_MIN_CONFIDENCE = 0.3;

export class PolicyService {
  private current: Answerer;
  private readonly asked = new Map<string, number>();

  private constructor(answerer: Answerer, private readonly options: PolicyServiceOptions) {
    this.current = answerer;
  }

  static async load(options: PolicyServiceOptions): Promise<PolicyService> {
    return new PolicyService(new Answerer(await loadKnowledgeBase(options.paths)), options);
  }

  static fromKnowledgeBase(kb: KnowledgeBase, options: Omit<PolicyServiceOptions, 'paths'> & { paths?: string[] } = {}): PolicyService {
    return new PolicyService(new Answerer(kb), { paths: [], ...options });
  }

  get knowledgeBase(): KnowledgeBase {
    return this.current.kb;
  }

  get answerer(): Answerer {
    return this.current;
  }

  get phrasing(): boolean {
    return Boolean(this.options.phraser);
  }

  /** The offline answer. */
  answer(question: string): Answer {
    const answer = this.current.answer(question);
    for (const c of answer.citations.slice(0, answer.governing)) {
      const key = clauseKey(c.docId, c.id);
      this.asked.set(key, (this.asked.get(key) ?? 0) + 1);
    }
    return answer;
  }

  /** The offline answer, plus a generated phrasing when configured and it succeeds in time. */
  async answerWithPhrasing(question: string): Promise<Answer> {
    return this.phrase(question, this.answer(question));
  }

  /** The decision (answer / choose / near / refuse) on the offline answer. */
  decide(question: string): Decision {
    const decision = decide(this.current, question);
    if (decision.kind === 'answer') this.count(decision.answer);
    return decision;
  }

  /** The decision, with a generated phrasing on a straight answer when configured and in time. */
  async decideWithPhrasing(question: string): Promise<Decision> {
    const decision = this.decide(question);
    if (decision.kind !== 'answer') return decision;
    return { ...decision, answer: await this.phrase(question, decision.answer) };
  }

  /** Keeps an offer in the choice log; the token for its buttons, or undefined when not kept. */
  async offer(question: string, decision: Decision): Promise<string | undefined> {
    if (!this.options.choices || (decision.kind !== 'choose' && decision.kind !== 'near')) return undefined;
    return this.options.choices.offer(question, decision.kind, decision.options.map((o) => o.key));
  }

  /**
   * The full answer for a clause picked from an offer; the pick is logged when the token is
   * known. The other offered clauses follow as related. Undefined if the clause is gone.
   */
  async choose(docId: string, id: string, token?: string): Promise<{ answer: Answer; logged: boolean } | undefined> {
    const key = clauseKey(docId, id);
    if (!this.clause(docId, id)) return undefined;
    const offer = token && this.options.choices ? await this.options.choices.pick(token, key) : undefined;
    const answer = answerForClause(this.current.kb, key, offer?.offered ?? []);
    if (!answer) return undefined;
    this.count(answer);
    return { answer, logged: Boolean(offer?.picks.some((p) => p.key === key)) };
  }

  private count(answer: Answer): void {
    for (const c of answer.citations.slice(0, answer.governing)) {
      const key = clauseKey(c.docId, c.id);
      this.asked.set(key, (this.asked.get(key) ?? 0) + 1);
    }
  }

  /**
   * Model mode: the model sees the whole policy; a reply that cites a clause the offline answer
   * did not quote brings that clause in as related, so every clause it cites is shown verbatim.
   */
  private async phrase(question: string, answer: Answer): Promise<Answer> {
    if (!answer.answered || !this.options.phraser) return answer;
    const kb = this.current.kb;
    try {
      const generated = await this.options.phraser.phrase(question, answer, kb);
      const shown = new Set(answer.citations.map((c) => c.id));
      const added = citedIds(generated)
        .filter((id) => !shown.has(id) && shown.add(id))
        .map((id) => kb.clauses.find((c) => c.id === id))
        .filter((c): c is Clause => Boolean(c))
        .map(citationOf);
      return { ...answer, generated, citations: [...answer.citations, ...added] };
    } catch (err) {
      this.options.onPhraserError?.(err);
      return answer;
    }
  }

  async recordGap(question: string, answer: Answer): Promise<void> {
    if (answer.answered || !this.options.gaps) return;
    await this.options.gaps.record(question, answer);
  }

  /** Clauses for a message-extension query: clause numbers, or words ranked like questions. */
  search(query: string, limit = SEARCH_LIMIT): SearchHit[] {
    const text = query.trim();
    if (!text) return this.topics(limit);
    const kb = this.current.kb;
    const prefix = /^(?:clause\s+)?(\d+(?:\.\d+)*)\.?$/i.exec(text) ?? /^(appendix\s+[a-z])$/i.exec(text);
    if (prefix) {
      const id = prefix[1].replace(/^appendix/i, 'Appendix').replace(/[a-z]$/, (c) => c.toUpperCase());
      const clauses = id.startsWith('Appendix') ? kb.clauses.filter((c) => c.id === id) : this.current.index.under(id);
      if (clauses.length) return clauses.slice(0, limit).map((c) => this.hit(c));
    }
    const retrieval = this.current.retrieve(text, limit);
    return retrieval.ranked.filter((r) => r.confidence >= SEARCH_MIN_CONFIDENCE).map((r) => this.hit(r.clause));
  }

  /** Most asked since start, then the policy's own default topics. */
  topics(limit = SEARCH_LIMIT): SearchHit[] {
    const kb = this.current.kb;
    const keys = [...this.asked.entries()].sort((a, b) => b[1] - a[1]).map(([k]) => k);
    for (const k of kb.topics) if (!keys.includes(k)) keys.push(k);
    return keys
      .map((k) => kb.byKey.get(k))
      .filter((c): c is Clause => Boolean(c && c.kind !== 'heading'))
      .slice(0, limit)
      .map((c) => this.hit(c));
  }

  clause(docId: string, id: string): Clause | undefined {
    const c = this.current.kb.byKey.get(clauseKey(docId, id));
    return c && c.kind !== 'heading' ? c : undefined;
  }

  /** Re-reads the policy files; the old knowledge base stays in service if they do not load. */
  async reload(): Promise<ReloadResult> {
    const next = new Answerer(await loadKnowledgeBase(this.options.paths));
    this.current = next;
    return {
      documents: next.kb.documents.length,
      clauses: next.kb.clauses.length,
      warnings: next.kb.reports.reduce((n, r) => n + r.warnings, 0),
    };
  }

  private hit(clause: Clause): SearchHit {
    return { citation: citationOf(clause), key: clauseKey(clause.docId, clause.id) };
  }
}
