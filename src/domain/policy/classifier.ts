/**
 * A learned model of "which clause does this question mean": multinomial logistic regression
 * (softmax) over sparse features of the question (the index's stems and vocabulary ideas, word
 * pairs, direction and negation cues), with one class per clause and one for "out of scope".
 * Trained by scripts/trainClassifier.ts on the labelled question sets and the staff phrasings;
 * the weights ship as the policy's `<name>.classifier.json` sidecar. Each class carries a hash of
 * its clause's text: a clause whose text changed (or is new) gets no say from the model, so a
 * trust that edits its policy is never steered by a stale model. docs/ANSWERS.md, "Learned".
 */
import { createHash } from 'node:crypto';
import type { QueryAnalysis } from './policyIndex';
import type { KnowledgeBase } from './knowledgeBase';
import { directionOf } from './direction';
import { asksForAmount } from './scope';
import { bigrams, lightStem, terms, words } from './text';

/** Bumped whenever questionFeatures changes: weights for other features are not used. */
export const FEATURE_VERSION = 2;

/** The "out of scope" class's key in a model file. */
export const OOS_CLASS = '@oos';

export interface ClassifierModel {
  /** What the weights were trained on (scripts/trainClassifier.ts): fixtures, phrasings, feature code. */
  trainedOn: string;
  /** FEATURE_VERSION the weights were trained with. */
  featureVersion: number;
  /** Class keys (`docId#clauseId`, or OOS_CLASS) with the hash of the clause text they were trained on. */
  classes: { key: string; hash: string }[];
  bias: number[];
  /** Feature -> [class index, weight, class index, weight, …]: only the weights that matter. */
  weights: Record<string, number[]>;
  /**
   * Added to `bias` for a question that raises no safeguarding topic (safeguarding.ts): the
   * training sets' safeguarding halves are written to a quota of those topics, so without it a
   * general question leans to their clauses ("photos of the building, no kids" to 8.1).
   * scripts/trainClassifier.ts `safeguardingPriorShift`; absent: no shift.
   */
  generalShift?: number[];
}

/** Hash of a clause's text as the model file records it. */
export function clauseHash(text: string): string {
  return createHash('sha256').update(text.replace(/\s+/g, ' ').trim()).digest('hex').slice(0, 12);
}

const NEGATION = new Set(['not', 'no', 'never', 'nobody', 'nothing', 'without', 'refuse', 'refused', 'stop']);

/**
 * The question's features, from the index's analysis (after typo correction and vocabulary) and
 * its own words: what was typed (stems), the staff ideas it names and their policy words, word
 * pairs, unknown words, school topics, and cues the bag of words loses (who acts, negation, an
 * amount asked).
 */
export function questionFeatures(analysis: QueryAnalysis, text: string): string[] {
  const f = new Set<string>();
  for (const u of analysis.units) {
    for (const t of u.own) f.add(`w:${t}`);
    for (const t of u.aliasOwn) f.add(`w:${t}`);
    if (u.alternatives.length) f.add(`p:${words(u.surface).map(lightStem).join('_')}`);
    for (const alt of u.alternatives) f.add(`a:${alt.join('_')}`);
    if (u.kind === 'unknown') for (const t of terms(u.surface)) f.add(`u:${t}`);
    if (u.topic) f.add(`t:${u.topic.join('_')}`);
  }
  for (const p of analysis.pairs) f.add(`pr:${p}`);
  // Single letters ("Q:", "a)") are layout, not words; how a question opens is left out too, so
  // "so…" or "Q:" before it (what is left of a cut framing) cannot change which clause leads.
  const typed = terms(text).filter((t) => t.length > 1);
  for (const t of typed) f.add(`s:${t}`);
  for (const b of bigrams(typed)) f.add(`b:${b}`);
  if (words(text).some((w) => NEGATION.has(w))) f.add('cue:neg');
  const direction = directionOf(text);
  if (direction) f.add(`cue:${direction}`);
  if (analysis.procedural) f.add('cue:procedural');
  if (asksForAmount(text)) f.add('cue:amount');
  return [...f];
}

/** Probabilities over the clauses the model still knows, and "out of scope". */
export interface Prediction {
  /** Clause key -> probability, for clauses whose text matches the model's (never a stale one). */
  clauses: Map<string, number>;
  oos: number;
  /** What a clause the model does not know (new or changed text) counts as: the uniform share. */
  unknown: number;
}

export class ClauseClassifier {
  /** Class index -> usable (its clause exists with the text the model was trained on, or OOS). */
  private readonly usable: boolean[];
  private readonly keys: string[];
  private readonly oosIndex: number;
  /** Key -> class index, for `knows` (asked several times per question). */
  private readonly indexOf = new Map<string, number>();
  readonly stale: string[];

  constructor(private readonly model: ClassifierModel, kb: KnowledgeBase) {
    this.keys = model.classes.map((c) => c.key);
    // The first class of a key, as indexOf found it.
    this.keys.forEach((key, i) => { if (!this.indexOf.has(key)) this.indexOf.set(key, i); });
    this.oosIndex = this.keys.indexOf(OOS_CLASS);
    this.stale = [];
    const current = model.featureVersion === FEATURE_VERSION;
    this.usable = model.classes.map((c) => {
      if (c.key === OOS_CLASS) return current;
      const clause = kb.byKey.get(c.key);
      const ok = current && Boolean(clause && clause.kind !== 'heading' && clauseHash(clause.text) === c.hash);
      if (!ok) this.stale.push(c.key);
      return ok;
    });
  }

  /**
   * The softmax over every class the model has, so a stale clause's share is handed to no one
   * (neither to its neighbours nor to "out of scope"); only usable clauses are reported. `general`:
   * the question raises no safeguarding topic (`generalShift` applies).
   */
  predict(features: string[], general = false): Prediction {
    const logits = new Float64Array(this.model.bias);
    const shift = general ? this.model.generalShift : undefined;
    if (shift) for (let c = 0; c < logits.length; c++) logits[c] += shift[c] ?? 0;
    const scale = 1 / Math.sqrt(Math.max(1, features.length));
    for (const name of features) {
      const row = this.model.weights[name];
      if (!row) continue;
      for (let i = 0; i < row.length; i += 2) logits[row[i]] += row[i + 1] * scale;
    }
    let max = -Infinity;
    for (let c = 0; c < logits.length; c++) if (logits[c] > max) max = logits[c];
    let z = 0;
    for (let c = 0; c < logits.length; c++) z += (logits[c] = Math.exp(logits[c] - max));
    const clauses = new Map<string, number>();
    for (let c = 0; c < logits.length; c++) if (this.usable[c] && c !== this.oosIndex) clauses.set(this.keys[c], logits[c] / z);
    return { clauses, oos: this.oosIndex >= 0 ? logits[this.oosIndex] / z : 0, unknown: 1 / this.keys.length };
  }

  /** The model has a `generalShift`: only then need a caller work out whether a question is general. */
  get shifts(): boolean {
    return Boolean(this.model.generalShift);
  }

  /** The model was trained on this clause's current text. */
  knows(key: string): boolean {
    const c = this.indexOf.get(key) ?? -1;
    return c >= 0 && c !== this.oosIndex && this.usable[c];
  }
}
