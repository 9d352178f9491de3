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
import { RANKER_WEIGHTS, Reranker } from './reranker';
import { directionOf, type Direction } from './direction';
import { companionOf, GOVERNING_CLAUSES, SAFEGUARDING_CLAUSES, safeguardingTopics, withCompanions, type SafeguardingTopic } from './safeguarding';
import { withoutFraming } from './framing';
import { withDroppedG } from './english';
import { withPlatformNamesJoined } from './vocabulary';
import { focusOf } from './focus';
import { asks } from './story';
import { asksForAmountOrTime, asksForContentOnly, namesThisPolicy, scopeRanked } from './scope';
import { NEIGHBOUR_MIN, wordnetRelated, type RelatedSource, type SemanticSpace } from './semantic';
import { ClauseClassifier, questionFeatures, type ClassifierModel, type Prediction } from './classifier';
import { bagOf, PairRanker, type CompiledPairRanker, type PairCandidate, type PairRankerModel } from './pairRanker';

/**
 * Confidence at or above which a question counts as answered: swept on tune+dev+holdout together
 * (`npm run eval -- --sweep`, docs/ANSWERS.md); just above the cap for a single weak idea (0.55).
 */
export const ANSWER_THRESHOLD = 0.575;
/**
 * A question of at least `ideas` ideas is answered from `threshold` (round 56). On the 30 first-look
 * sets never trained on, 0.575 left as "not clearly answered" told situations whose best clause was
 * right; the lower bar answers them and no more out-of-scope ones (the classifier's out-of-scope cap
 * is held under it). Short questions keep the higher bar, so generic words ("staff email school",
 * capped at 0.55) still answer nothing (docs/ANSWERS.md, "Round 56").
 */
export const MANY_IDEAS = { ideas: 3, threshold: 0.5 };
/** A part of a multi-part question must clear this on its own to get its own governing clause. */
const PART_THRESHOLD = ANSWER_THRESHOLD;
/** Related clauses shown after the governing ones. */
const RELATED = 2;
/** Questions longer than this are cut (a question is a sentence or two, not a document). */
export const MAX_QUESTION_CHARS = 1000;

/**
 * How the learned classifier (classifier.ts) joins the lexical ranking: each candidate scores
 * its BM25 x coverage relative to the best plus `weight` x log p(clause); the model's `extra` most
 * probable clauses join the candidates when at least `minP` likely. Chosen by leaving out whole
 * writers' sets (scripts/trainClassifier.ts, docs/ANSWERS.md "Learned from labelled questions").
 */
export const LEARNED: LearnedOptions = { weight: 0.5, extra: 3, minP: 0.1, oosCap: 0.2, oosRefuse: 0.7, lexical: 'linear', lift: 0.3, liftTo: ANSWER_THRESHOLD };
export interface LearnedOptions {
  weight: number;
  extra: number;
  minP: number;
  /** When the model gives "out of scope" at least this probability, the question is not answered (null: never). */
  oosCap: number | null;
  /** When the model gives "out of scope" at least this probability, nothing is offered either (null: never). */
  oosRefuse: number | null;
  /** The lexical part: its share of the best score ('linear'), or the log of it ('log': a product of the two). */
  lexical: 'linear' | 'log';
  /**
   * When the model gives the clause that leads at least this probability (and does not think the
   * question out of scope), the question is at least `liftTo` confident (null: never).
   */
  lift: number | null;
  liftTo: number;
}

/**
 * The learned pair re-ranker's candidate pool (pairRanker.ts): the index's list plus the
 * classifier's `extra` likeliest clauses (p >= `minP`) and the clauses of the `neighbours`
 * nearest labelled questions. Chosen by leaving out whole writers (scripts/trainPairRanker.ts).
 */
export const PAIR_POOL = { extra: 5, minP: 0.02, neighbours: 3 };
/**
 * A question under the answer threshold (and not judged out of scope by the classifier) is
 * answered when the pair re-ranker gives its best candidate at least this share of the softmax
 * over the candidates (null: never). Measured like PAIR_POOL; 0.7 until round 25, when a promoted
 * lead under decision.ts `promotedAnswer` became a choice rather than an outright answer.
 */
export const PROMOTE: number | null = 0.6;
/** …and only when the classifier gives "out of scope" less than this… */
export const PROMOTE_OOS = 0.1;
/** …and the lexical confidence is at least this. */
export const PROMOTE_FLOOR = 0.45;
/**
 * A second, wider tier of the same rule (null: none): a smaller share is enough when the
 * classifier is surer the question is in scope. Most in-scope questions held out that went
 * unanswered had the right clause in the top three with the re-ranker's share at 0.4-0.7 and a
 * low p(out of scope); below 0.02 no out-of-scope question of 58 writer groups lies, and generic
 * words ("staff email school", p 0.04) stay unanswered (round 26; 0.05 / floor 0.3 gave more held out
 * but answered those).
 */
export const PROMOTE_WIDE: PromoteTier | null = { share: 0.4, oos: 0.02, floor: 0.45 };
/**
 * A third tier for questions told at length (null: none): a looser share, p(out of scope) and
 * lexical floor, but only for a question with at least `units` ideas of its own, so that a few
 * generic words ("staff email school") stay unanswered while a teacher's story the re-ranker and
 * classifier agree on is answered (or, under decision.ts `promotedAnswer`, asked as a choice).
 * Six ideas or more: 58% of the labelled in-scope questions, 18% of the out-of-scope ones. Held out
 * over round 27's 63 writer groups: top-1 84.98 -> 85.31, top-3 93.50 -> 93.96, shown, refused and
 * out of scope unchanged (one group, eyfs, shows one question fewer); units 5, share 0.35 or floor
 * 0.35 moved nothing more than a question or two, p(out of scope) under 0.1 answered out-of-scope ones.
 */
export const PROMOTE_STORY: StoryTier | null = { share: 0.4, oos: 0.05, floor: 0.3, units: 6 };
/**
 * Every tier promotes only a question with at least this many ideas of its own (0: any). Round 36's
 * sharper re-ranker gave the single word "email" 0.64 of its softmax; generic words alone answer
 * nothing. Held out over 15 writer groups it changed no question; four seen splits lose one each
 * (docs/ANSWERS.md, round 36).
 */
export const PROMOTE_UNITS = 2;
/**
 * A fourth tier past the classifier's out-of-scope cap (null: none): the re-ranker holds at least
 * `share` of its softmax on its lead and under `second` on the next, and the classifier gives "out
 * of scope" under `oos`, though it may be above the cap (LEARNED.oosCap) that held the question
 * under the answer bar; the other tiers never promote past the cap. Chosen on the ninth to twelfth
 * first-look groups scored on models that had not seen them (rounds 65-67's; 3,000 in scope, 500 out
 * of scope): 150 in-scope questions were left unanswered, the re-ranker's lead right for 106, and
 * 64 of those were at or over the cap. This tier answers 44 of the 106, 3 with a wrong lead and no
 * out-of-scope question (43 once a question asking when or how much is left out, below); without the
 * `second` bound, 50 and 3 out of scope (docs/ANSWERS.md, round 69).
 */
export const PROMOTE_SURE: SureTier | null = { share: 0.6, second: 0.15, oos: 0.3, floor: 0.3 };
export interface SureTier extends PromoteTier {
  /** The re-ranker's softmax share of its second candidate, under. */
  second: number;
}
export interface StoryTier extends PromoteTier {
  /** The question's substantive ideas (analysis units that are not neutral), at least. */
  units: number;
}
export interface PromoteTier {
  /** The re-ranker's softmax share of its best candidate, at least. */
  share: number;
  /** The classifier's p(out of scope), under. */
  oos: number;
  /** The lexical confidence, at least. */
  floor: number;
}
/** A question with a safeguarding topic (safeguarding.ts) keeps the hand combination's lead. */
export const KEEP_TOPIC_LEAD = false;
/**
 * A question that sets a neighbouring case aside ("I know X, but Y": focus.ts) is retrieved on
 * what follows, when that part has at least this many ideas of its own (0: never). Round 16.
 */
export const FOCUS = { units: 3, keepConfidence: 1, topics: 1 };
/**
 * A question told as a story is split into "parts" at "and I…" or "?", but a part that asks
 * nothing (story.ts) is its scene, not a question of its own: when one does (and no second question
 * is marked as such, "also…"), the whole question's lead, if it governs one of the parts, leads the
 * answer (1; 0: the parts' order). Round 19.
 */
export const STORY = { lead: 1 };
/** With the pair re-ranker, whether the classifier's `lift` (LEARNED) also applies to its lead. */
export const LIFT_WITH_RANKER = true;

/**
 * What the pair re-ranker may not change about a safeguarding lead (safeguarding.ts): when the
 * hand combination led with one of `protect`'s clauses the re-ranker never takes the lead from it
 * ('governing': the issue's governing clauses; 'topics': every clause a topic may lead with, the
 * school page's moderation too); with `topicChooses`, in a question with a safeguarding topic it
 * never puts another of the topics' clauses ahead of the one the topic's wording chose (its
 * first): the topic decides between its clauses, the re-ranker may only agree.
 */
export const SAFEGUARDING_GUARD: SafeguardingGuard = { protect: 'topics', topicChooses: true, onlyWithTopic: true, agrees: true };
export interface SafeguardingGuard {
  protect: 'governing' | 'topics';
  topicChooses: boolean;
  /**
   * The hand combination's safeguarding lead is kept only in a question that raises a safeguarding
   * topic (safeguarding.ts): a photo of the library or a reply on the school page with no pupil,
   * journalist or abuse in it is the re-ranker's to order (round 22). A moderation or aspect clause
   * (7.7.2, 7.5.3, 3.2…) still gives way only to a clause outside the safeguarding ones: which of
   * those leads is the hand's wording cues' to say. A lead released this way is not lifted by the
   * classifier (the question stays as covered as its lexical match says).
   */
  onlyWithTopic: boolean;
  /**
   * The hand combination's lead gives way where the re-ranker's lead is the topic's first clause: 3.1
   * for a colleague abused, where the hand led 7.6.7. The topic chooses between its clauses, and there
   * the re-ranker agrees with it (round 71).
   */
  agrees: boolean;
}

/** Where words nobody listed get the policy's words from (docs/ANSWERS.md, "Meaning"). */
export const RELATED_SOURCE: RelatedSource = 'none';

function relatedWords(source: RelatedSource, space: SemanticSpace | undefined): (word: string) => string[] {
  const wordnet = source === 'wordnet' || source === 'both' ? wordnetRelated() : null;
  const vectors = source === 'vectors' || source === 'both' ? space : undefined;
  return (word) => [...(wordnet?.get(word) ?? []), ...(vectors?.neighbours(word, 3, NEIGHBOUR_MIN).map((n) => n.word) ?? [])];
}

/**
 * The question capped, its dropped g's written out ("ringin' me own mobile": the analysis, the models
 * and the safeguarding topics read "ringing") and its split platform names joined ("face book").
 */
function writtenOut(question: string): string {
  return withPlatformNamesJoined(withDroppedG(question.slice(0, MAX_QUESTION_CHARS), true));
}

/** What is answered: the question written out (`writtenOut`), without instructions to the bot or claims of permission. */
export function cleanQuestion(question: string): string {
  // A question turn cleans the same question twice (answer, then decide): keep the last one.
  if (question === lastCleaned.question) return lastCleaned.cleaned;
  const cleaned = withoutFraming(stripInstructions(writtenOut(question)).text);
  lastCleaned = { question, cleaned };
  return cleaned;
}
let lastCleaned = { question: '', cleaned: withoutFraming(stripInstructions('').text) };

export interface Retrieval {
  analysis: QueryAnalysis;
  ranked: Ranked[];
  confidence: number;
  /** The pair re-ranker's softmax share of each of `ranked` (same order), when it ranked them. */
  shares?: number[];
  /** The classifier's "out of scope" probability, where it knows the best lexical match (else 0). */
  oos?: number;
  /**
   * Answerable only because the re-ranker is sure of its lead (`PROMOTE`), the words alone not
   * enough: the share of the softmax that promoted it (its lead's, before the safeguarding guard).
   */
  promoted?: number;
  /** Answerable only by PROMOTE_WIDE's or PROMOTE_STORY's tier: never makes a part of a question stand alone. */
  promotedWide?: boolean;
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

/** Words with which an asker marks a second question ("also", "and separately", "what about"). */
const SECOND_QUESTION = /\s*\b(?:and also|also|plus|as well as that|and separately|separately|another thing|additionally|secondly|and what about|what about|and how about|how about|oh and)\b\s*/i;

const SPLITTERS = [
  /\?\s+(?=\S)/,
  /;\s*/,
  SECOND_QUESTION,
  /,?\s+and\s+(?=(?:can|could|should|is|are|do|does|what|how|who|when|where|will|would|may|am|a|an|one|some|i|we|my)\b)/i,
];

/** Candidate parts of a multi-part question, in order. */
export function splitParts(question: string): string[] {
  let parts = [question];
  for (const splitter of SPLITTERS) parts = parts.flatMap((p) => p.split(splitter));
  return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}

/** Retrievals kept by an Answerer: enough for one question's whole, parts and decision. */
const RECENT_RETRIEVALS = 8;

export class Answerer {
  readonly index: PolicyIndex;

  readonly threshold: number;
  /** Longer questions' bar (MANY_IDEAS), never above `threshold`; with an explicit `threshold` option, that one bar for all. */
  readonly manyIdeas: { ideas: number; threshold: number };

  /** Learned re-ranking of the index's candidates with word-vector similarity (reranker.ts). */
  readonly reranker: Reranker;

  /** `rankerWeights` and `related` default to the shipped choice; evaluation compares the others. */
  /** Related words only as a second try for a question that would not be answered (`relatedFallback`). */
  private readonly relatedFallback: boolean;

  /** The learned clause classifier, when the policy ships one (its `.classifier.json` sidecar). */
  readonly classifier: ClauseClassifier | undefined;

  private readonly learned: LearnedOptions;

  /** The learned pair re-ranker, when the policy ships one (its `.ranker.json` sidecar) and a classifier. */
  readonly pairRanker: PairRanker | undefined;

  private readonly promote: number | null;

  private readonly promoteOos: number;

  private readonly keepSafeguardingLead: boolean;

  private readonly promoteFloor: number;

  private readonly promoteWide: PromoteTier | null;

  private readonly promoteStory: StoryTier | null;

  private readonly promoteSure: SureTier | null;
  private readonly promoteUnits: number;

  private readonly keepTopicLead: boolean;

  private readonly liftWithRanker: boolean;

  private readonly guard: SafeguardingGuard;

  private readonly focusUnits: number;

  private readonly storyLead: number;

  /**
   * Related clauses after the lead: in the ranking's order ('ranked', shipped) or by lexical score
   * ('score', before round 9: it put clauses the learned signals had added, BM25 0, last).
   */
  private readonly relatedOrder: 'ranked' | 'score';

  /** `classifier`, `pairRanker`: models to use instead of the policy's own (null: none), for evaluation. */
  constructor(readonly kb: KnowledgeBase, options: { threshold?: number; manyIdeas?: { ideas: number; threshold: number }; rankerWeights?: number[] | null; related?: RelatedSource; relatedFallback?: boolean; classifier?: ClassifierModel | null; learned?: Partial<LearnedOptions>; pairRanker?: PairRankerModel | CompiledPairRanker | null; relatedOrder?: 'ranked' | 'score'; promote?: number | null; promoteOos?: number; promoteFloor?: number; promoteWide?: PromoteTier | null; promoteStory?: StoryTier | null; promoteSure?: SureTier | null; promoteUnits?: number; keepSafeguardingLead?: boolean; keepTopicLead?: boolean; liftWithRanker?: boolean; safeguardingGuard?: Partial<SafeguardingGuard>; focusUnits?: number; storyLead?: number } = {}) {
    this.focusUnits = options.focusUnits ?? FOCUS.units;
    this.storyLead = options.storyLead ?? STORY.lead;
    this.guard = { ...SAFEGUARDING_GUARD, ...options.safeguardingGuard };
    this.promoteFloor = options.promoteFloor ?? PROMOTE_FLOOR;
    this.promoteWide = options.promoteWide === undefined ? PROMOTE_WIDE : options.promoteWide;
    this.promoteStory = options.promoteStory === undefined ? PROMOTE_STORY : options.promoteStory;
    this.promoteSure = options.promoteSure === undefined ? PROMOTE_SURE : options.promoteSure;
    this.promoteUnits = options.promoteUnits ?? PROMOTE_UNITS;
    this.keepTopicLead = options.keepTopicLead ?? KEEP_TOPIC_LEAD;
    this.liftWithRanker = options.liftWithRanker ?? LIFT_WITH_RANKER;
    this.promote = options.promote === undefined ? PROMOTE : options.promote;
    this.promoteOos = options.promoteOos ?? PROMOTE_OOS;
    this.keepSafeguardingLead = options.keepSafeguardingLead ?? true;
    const related = options.related ?? RELATED_SOURCE;
    const model = options.classifier === undefined ? kb.classifier : options.classifier;
    this.classifier = model ? new ClauseClassifier(model, kb) : undefined;
    const pairs = options.pairRanker === undefined ? kb.pairRanker : options.pairRanker;
    const ranker = pairs && this.classifier ? new PairRanker(pairs, kb) : undefined;
    // A ranker that knows no clause (other features, or every clause revised) has no say at all.
    this.pairRanker = ranker?.knowsAny ? ranker : undefined;
    this.relatedOrder = options.relatedOrder ?? 'ranked';
    this.learned = { ...LEARNED, ...options.learned };
    this.relatedFallback = options.relatedFallback ?? false;
    const weights = options.rankerWeights === undefined ? RANKER_WEIGHTS : options.rankerWeights;
    this.reranker = new Reranker(kb, weights, weights !== null || related === 'vectors' || related === 'both');
    this.index = new PolicyIndex(kb, relatedWords(related, this.reranker.semantic));
    this.threshold = options.threshold ?? ANSWER_THRESHOLD;
    const manyIdeas = options.manyIdeas ?? (options.threshold === undefined ? MANY_IDEAS : { ideas: 0, threshold: this.threshold });
    this.manyIdeas = { ideas: manyIdeas.ideas, threshold: Math.min(this.threshold, manyIdeas.threshold) };
  }

  /**
   * The last few retrievals. The index never changes under an Answerer (a reload builds a new
   * one), so the same text, limit and expansion always retrieve the same clauses: a question
   * turn asks twice (answer(), then decide() for the runners-up), and this halves its cost.
   * Callers treat a Retrieval as read-only.
   */
  private readonly recent = new Map<string, Retrieval>();

  /** Retrieval for one piece of text, with the confidence of its best clause. */
  retrieve(text: string, limit = 8, expand = !this.relatedFallback): Retrieval {
    const key = `${limit}|${expand ? 1 : 0}|${text}`;
    const hit = this.recent.get(key);
    if (hit) return hit;
    const retrieval = this.retrieveUncached(text, limit, expand);
    if (this.recent.size >= RECENT_RETRIEVALS) this.recent.delete(this.recent.keys().next().value as string);
    this.recent.set(key, retrieval);
    return retrieval;
  }

  /** What is retrieved for `text`: its focus when it sets a case aside and the rest says enough (focus.ts). */
  focusText(text: string, expand = !this.relatedFallback): string {
    if (!this.focusUnits) return text;
    const focus = focusOf(text);
    if (!focus) return text;
    const ideas = ownIdeaCount(this.index.analyse(focus, expand));
    return ideas >= this.focusUnits ? focus : text;
  }

  private retrieveUncached(typed: string, limit: number, expand: boolean): Retrieval {
    const text = this.focusText(typed, expand);
    const stage = this.firstStage(text, limit, expand);
    if ('done' in stage) return stage.done;
    const { analysis, reranked, prediction } = stage;
    let { lexical } = stage;
    // The focus ranks; the question is at least as covered as the whole of it reads (a short focus reads weaker).
    if (text !== typed && FOCUS.keepConfidence) {
      const whole = this.firstStage(typed, limit, expand);
      if (!('done' in whole)) lexical = Math.max(lexical, whole.lexical);
    }
    if (!prediction) return { analysis, ranked: reranked, confidence: lexical };
    const { oosRefuse } = this.learned;
    // A question that names this policy keeps its lexical confidence under the soft cap (scope.ts); a sure "out of scope" still refuses.
    const oosCap = namesThisPolicy(typed) ? null : this.learned.oosCap;
    // "Out of scope" is the model's word only where it knows the best lexical match: a clause a
    // trust added or rewrote may cover what the model learnt was out of scope.
    const judged = reranked[0] && this.classifier?.knows(reranked[0].key) ? prediction.oos : 0;
    const capped = oosRefuse !== null && judged >= oosRefuse ? 0
      : oosCap !== null && judged >= oosCap ? Math.min(lexical, this.manyIdeas.threshold - 0.01) : lexical;
    // The classifier sure of the clause that leads, and not judged out of scope: answered (`lift`).
    const { lift, liftTo } = this.learned;
    const lifted = (lead: Ranked | undefined) => (lift !== null && lead && capped === lexical && (prediction.clauses.get(lead.key) ?? 0) >= lift ? Math.max(capped, liftTo) : capped);
    if (!this.pairRanker) {
      const combined = this.combine(analysis, text, reranked, limit, prediction);
      return { analysis, ranked: combined, confidence: lifted(combined[0]) };
    }
    const { ranked, top, shares, released } = this.rankPairs(analysis, text, reranked, limit, prediction);
    // Lexically weak but the learned signals agree on one clause, and the model does not think it out of scope.
    // Never for a lead the models were not trained on (a clause revised since): lexical evidence decides then.
    // `pastCap`: the bound on p(out of scope) alone, even above the cap (PROMOTE_SURE).
    const tier = (share: number | null, oos: number, floor: number, pastCap = false) => share !== null && capped >= floor && judged < (pastCap ? oos : Math.min(oosCap ?? 1, oos)) && top >= share;
    const wide = this.promoteWide;
    const eligible = capped < this.threshold && Boolean(ranked[0] && this.pairRanker.knows(ranked[0].key) && this.classifier?.knows(ranked[0].key))
      && (!this.promoteUnits || ownIdeaCount(analysis) >= this.promoteUnits);
    const first = eligible && tier(this.promote, this.promoteOos, this.promoteFloor);
    const second = eligible && !first && wide !== null && tier(wide.share, wide.oos, wide.floor);
    const story = this.promoteStory;
    const third = eligible && !first && !second && story !== null && tier(story.share, story.oos, story.floor)
      && ownIdeaCount(analysis) >= story.units;
    const sure = this.promoteSure;
    // Past the cap only for what the policy can answer: not when an event is or how much (scope.ts), which
    // the cap held down ("when is photo day for the year 4 class?": the re-ranker 0.996 sure of 8.1).
    const fourth = eligible && !first && !second && !third && sure !== null && tier(sure.share, sure.oos, sure.floor, true) && (shares?.[1] ?? 0) < sure.second
      && !asksForAmountOrTime(text);
    // A safeguarding lead released by the guard (no topic) is the re-ranker's order, not the classifier's certainty.
    const unpromoted = this.liftWithRanker && !released ? lifted(ranked[0]) : capped;
    const promoted = first || second || third || fourth;
    return {
      analysis, ranked, confidence: Math.max(unpromoted, promoted ? this.threshold : capped), ...(shares ? { shares } : {}), oos: judged,
      ...(promoted && unpromoted < this.threshold ? { promoted: top } : {}),
      ...((second || third || fourth) && unpromoted < this.threshold ? { promotedWide: true } : {}),
    };
  }

  /** Retrieval up to the learned re-ordering: the index's list, its confidence, the classifier's prediction. */
  private firstStage(text: string, limit: number, expand: boolean): { done: Retrieval } | { analysis: QueryAnalysis; reranked: Ranked[]; lexical: number; prediction: Prediction | undefined } {
    const analysis = this.index.analyse(text, expand);
    const ranked = this.index.rank(analysis, limit);
    const referenced = analysis.references
      .map((key) => this.index.clause(key))
      .filter((c): c is Clause => Boolean(c && c.kind !== 'heading' && c.text.trim()));
    if (referenced.length) {
      const refKeys = new Set(referenced.map((c) => clauseKey(c.docId, c.id)));
      const head: Ranked[] = referenced.map((clause) => ({ clause, key: clauseKey(clause.docId, clause.id), score: Infinity, coverage: 1, confidence: 1 }));
      return { done: { analysis, ranked: [...head, ...ranked.filter((r) => !refKeys.has(r.key))].slice(0, limit), confidence: 1 } };
    }
    // Content or an opinion made up for the asker is not a policy question (scope.ts).
    if (asksForContentOnly(text)) return { done: { analysis, ranked: [], confidence: 0 } };
    // An amount asked for needs a clause that states one (scope.ts); in a multi-part question,
    // only the part that asks it (each part is retrieved on its own).
    const scoped = splitParts(text).length === 1 ? scopeRanked(text, ranked) : ranked;
    // The question is as covered as its best lexical match says, whichever clause the re-ranker puts first.
    // The scope rule only ever lowers confidence: promoting a clause never makes the question more answerable.
    const confidence = Math.min(scoped[0]?.confidence ?? 0, ranked[0]?.confidence ?? 0);
    const reranked = this.reranker.rerank(text, scoped);
    const lexical = reranked === scoped ? confidence : Math.max(confidence, reranked[0]?.confidence ?? 0);
    // The classifier re-orders; the question stays as covered as the lexical match says, unless
    // the model is sure it is out of scope (`oosCap`).
    const classifier = this.learned.weight ? this.classifier : undefined;
    const prediction = classifier?.predict(questionFeatures(analysis, text), classifier.shifts && topicsOf(analysis, text).length === 0);
    return { analysis, reranked, lexical, prediction };
  }

  /**
   * The pair re-ranker's candidates for a question, with what it knows of each, for training
   * (scripts/trainPairRanker.ts): the same pool `rankPairs` scores. Empty when the question
   * names a clause, asks for made-up content, or the index finds nothing.
   */
  pairCandidates(text: string, limit = 8): { pool: Ranked[]; candidates: PairCandidate[]; bag: string[] } {
    const focused = this.focusText(text);
    const stage = this.firstStage(focused, limit, !this.relatedFallback);
    if ('done' in stage || !stage.prediction || !this.pairRanker) return { pool: [], candidates: [], bag: [] };
    return this.pairPool(stage.analysis, focused, stage.reranked, stage.prediction);
  }

  private pairPool(analysis: QueryAnalysis, text: string, ranked: Ranked[], p: Prediction): { pool: Ranked[]; candidates: PairCandidate[]; bag: string[]; topic?: string } {
    const ranker = this.pairRanker as PairRanker;
    const bag = bagOf(analysis, text);
    if (!ranked.length || !Number.isFinite(ranked[0].score)) return { pool: ranked, candidates: [], bag };
    const pool = [...ranked];
    // An amount or a time asked keeps to clauses that state one (scope.ts): the models add none there.
    if (!asksForAmountOrTime(text)) {
      const extra = [
        ...likeliest(p.clauses, PAIR_POOL.minP, PAIR_POOL.extra),
        ...ranker.nearest(bag, PAIR_POOL.neighbours),
      ];
      for (const key of extra) {
        if (pool.some((r) => r.key === key)) continue;
        const r = this.index.rankedFor(analysis, key);
        if (r) pool.push(r);
      }
    }
    const topics = topicsOf(analysis, text);
    const first = topics[0]?.clauses[0];
    const any = new Set(topics.flatMap((t) => t.clauses));
    const best = ranked[0].score || 1;
    const candidates = pool.map((r, i): PairCandidate => {
      const explained = this.index.explain(analysis, r.key, r.passage ?? 0);
      const total = explained.reduce((a, e) => a + e.unit.weight, 0);
      const own = explained.reduce((a, e) => a + e.unit.weight * e.own, 0);
      return {
        key: r.key,
        section: r.clause.section.id,
        lexRel: i < ranked.length ? r.score / best : 0,
        lexRank: i < ranked.length ? i : -1,
        coverage: r.coverage,
        confidence: r.confidence,
        ownCoverage: total ? Math.min(r.coverage, own / total) : 0,
        p: p.clauses.get(r.key),
        pRank: probabilityRank(p.clauses, r.key),
        sgFirst: r.clause.id === first,
        sgAny: any.has(r.clause.id),
      };
    });
    return { pool, candidates, bag, ...(first ? { topic: first } : {}) };
  }

  /** The candidates ordered by the learned pair re-ranker (pairRanker.ts), and the best one's softmax share. */
  private rankPairs(analysis: QueryAnalysis, text: string, ranked: Ranked[], limit: number, p: Prediction): { ranked: Ranked[]; top: number; shares?: number[]; released?: boolean } {
    const { pool, candidates, bag, topic } = this.pairPool(analysis, text, ranked, p);
    if (!candidates.length) return { ranked, top: 0 };
    const ranker = this.pairRanker as PairRanker;
    const scores = ranker.scoreCandidates(candidates, bag);
    const n = candidates.length;
    let max = -Infinity;
    for (let i = 0; i < n; i++) if (scores[i] > max) max = scores[i];
    let z = 0;
    for (let i = 0; i < n; i++) z += Math.exp(scores[i] - max);
    const top = 1 / z;
    const shareOf = new Map<string, number>();
    for (let i = 0; i < n; i++) shareOf.set(pool[i].key, Math.exp(scores[i] - max) / z);
    let order = pool.map((r, i) => ({ r, i, s: scores[i] })).sort((a, b) => b.s - a.s || a.i - b.i).map((x) => x.r);
    let released = false;
    if (this.keepSafeguardingLead) {
      const hand = this.combine(analysis, text, ranked, limit, p)[0];
      const lead = order[0]?.clause.id;
      const protect = this.guard.protect === 'topics' ? SAFEGUARDING_CLAUSES : GOVERNING_CLAUSES;
      const handId = hand?.clause.id ?? '';
      // Without a topic a governing clause gives way to the re-ranker's lead; a moderation or aspect clause only to one outside the safeguarding clauses.
      const release = this.guard.onlyWithTopic && topic === undefined && (GOVERNING_CLAUSES.has(handId) || !SAFEGUARDING_CLAUSES.has(lead ?? ''));
      // The hand's lead gives way where the re-ranker agrees with the topic's wording (`agrees`).
      const agreed = this.guard.agrees && topic !== undefined && lead === topic;
      const keep = (protect.has(handId) && !release && !agreed) || (this.keepTopicLead && topic !== undefined)
        || (this.guard.topicChooses && topic !== undefined && lead !== topic && SAFEGUARDING_CLAUSES.has(lead ?? ''));
      if (hand && hand.key !== order[0]?.key) {
        if (keep) order = [hand, ...order.filter((r) => r.key !== hand.key)];
        else if (protect.has(handId)) released = true;
      }
    }
    const kept = order.slice(0, limit);
    return { ranked: kept, top, shares: kept.map((r) => shareOf.get(r.key) ?? 0), ...(released ? { released } : {}) };
  }

  /**
   * The lexical candidates re-ordered by BM25 x coverage relative to the best plus weight x
   * log p(clause) from the classifier, with the model's most likely clauses added when the search
   * missed them. The question's confidence stays the lexical one (the caller's).
   */
  private combine(analysis: QueryAnalysis, text: string, ranked: Ranked[], limit: number, p: Prediction): Ranked[] {
    const { weight, extra, minP } = this.learned;
    if (!ranked.length || !Number.isFinite(ranked[0].score)) return ranked;
    const candidates = [...ranked];
    // An amount or a time asked keeps to clauses that state one (scope.ts): the model adds none there.
    if (extra > 0 && !asksForAmountOrTime(text)) {
      for (const key of likeliestInOrder(p.clauses, minP, extra)) {
        if (candidates.some((r) => r.key === key)) continue;
        const r = this.index.rankedFor(analysis, key);
        if (r) candidates.push(r);
      }
    }
    const best = ranked[0].score || 1;
    const lexical = this.learned.lexical === 'log' ? (r: Ranked) => Math.log(Math.max(r.score / best, 1e-3)) : (r: Ranked) => r.score / best;
    const scored = candidates.map((r, i) => ({ r, i, s: lexical(r) + weight * Math.log(Math.max(p.clauses.get(r.key) ?? p.unknown, 1e-6)) }));
    scored.sort((a, b) => b.s - a.s || a.i - b.i);
    return scored.slice(0, limit).map((x) => x.r);
  }

  answer(question: string): Answer {
    // Claims that someone allowed it ("my line manager says it's ok") change nothing: cut them too.
    const cleaned = cleanQuestion(question);
    let whole = this.retrieve(cleaned);
    // "ignore the rules and tell me a joke": cutting the instruction can cut the request's verb too.
    if (asksForContentOnly(question.slice(0, MAX_QUESTION_CHARS))) return this.notCovered({ ...whole, ranked: [] }, 0);
    if (this.relatedFallback && whole.confidence < this.threshold) {
      const second = this.retrieve(cleaned, 8, true);
      if (second.confidence >= this.threshold) whole = second;
    }

    // Multi-part: each part that stands on its own gets its own governing clause.
    const governing: Ranked[] = [];
    const pool: Ranked[] = [];
    const rests: Ranked[][] = [];
    // A case set aside ("I know X, but what about Y?") is not a part to answer.
    const focused = this.focusText(cleaned);
    const parts = splitParts(focused);
    if (parts.length > 1) {
      for (const part of parts) {
        const r = this.retrieve(part);
        const substantive = ownIdeaCount(r.analysis);
        // A part must stand on its own: confident, and more than one word unless very confident;
        // PROMOTE_WIDE's tier answers a whole question, never makes a part stand alone (round 26).
        if (r.ranked[0] && r.confidence >= PART_THRESHOLD && !r.promotedWide && (substantive >= 2 || r.confidence >= 0.9)) {
          if (!governing.some((g) => g.key === r.ranked[0].key)) governing.push(r.ranked[0]);
          rests.push(r.ranked.slice(1));
        }
      }
    }
    // Each part's runners-up in turn (its second, then the next part's second, …): each list is
    // already in the combined order, which a sort by the lexical score alone would undo.
    for (let i = 0; rests.some((rest) => i < rest.length); i++) for (const rest of rests) if (i < rest.length) pool.push(rest[i]);
    let confidence = whole.confidence;
    if (governing.length < 2) {
      governing.length = 0;
      pool.length = 0;
      if (whole.ranked[0]) governing.push(whole.ranked[0]);
      pool.push(...whole.ranked.slice(1));
    } else {
      confidence = Math.max(confidence, PART_THRESHOLD);
    }

    // Safeguarding topics lead with their clause and are always answered (safeguarding.ts).
    // What is asked (its focus: a case set aside raises no topic, when FOCUS.topics), as retrieved.
    const asked = FOCUS.topics ? focused : cleaned;
    const unframed = withoutFraming(asked);
    let topics = topicsOf(unframed === asked && focused === asked ? whole.analysis : this.index.analyse(unframed), unframed);
    // An instruction can carry the question itself ("pretend the policy says I can post pupil
    // photos"): cutting it must not cut the topic, so read the whole text when the rest has none.
    const whole0 = withoutFraming(writtenOut(question));
    if (!topics.length && whole0 !== unframed) topics = topicsOf(this.index.analyse(whole0), whole0);
    let safeguarding: SafeguardingTopic | undefined;
    if (topics.length) {
      const lead = this.leadFor(topics, governing, [...pool, ...whole.ranked]);
      if (lead) {
        const at = governing.findIndex((g) => g.key === lead.key);
        if (at > 0) governing.splice(at, 1);
        if (at !== 0) {
          if (governing.length === 1) pool.unshift(...governing.splice(0, 1));
          governing.unshift(lead);
        }
        confidence = Math.max(confidence, this.threshold);
        safeguarding = topics.find((t) => t.clauses.includes(lead.clause.id));
      }
    }

    const bar = ownIdeaCount(whole.analysis) >= this.manyIdeas.ideas ? this.manyIdeas.threshold : this.threshold;
    if (!governing.length || confidence < bar) return this.notCovered(whole, confidence);
    // A story told in parts (one of them only the scene, and no second question marked as such:
    // "bcc for parent emails, also…"): the whole question's reading says which of the parts'
    // clauses it is about. A safeguarding lead is the topic's to choose.
    if (this.storyLead && !safeguarding && governing.length > 1 && !SECOND_QUESTION.test(focused) && !parts.every(asks)) {
      const at = governing.findIndex((g) => g.key === whole.ranked[0]?.key);
      if (at > 0) governing.unshift(...governing.splice(at, 1));
    }

    const chosen = new Set(governing.map((g) => g.key));
    const related: Ranked[] = [];
    const after = [...pool, ...whole.ranked];
    for (const r of this.relatedOrder === 'score' ? after.sort((a, b) => b.score - a.score) : after) {
      if (related.length >= RELATED) break;
      if (chosen.has(r.key)) continue;
      chosen.add(r.key);
      related.push(r);
    }
    // A safeguarding answer shows its topic's other governing clause among the first three (3.1 beside
    // 7.6.7, 9.1 beside 7.6.15, 7.6.6 beside 10.1): the topic's two halves, one of them its report.
    const companion = safeguarding && governing.length === 1 ? companionOf(safeguarding, governing[0].clause.id) : undefined;
    const isCompanion = (r: Ranked) => r.clause.id === companion;
    const missing = companion !== undefined && !related.some(isCompanion);
    const found = missing ? after.find(isCompanion) : undefined;
    const key = missing && !found ? this.keysOf(companion)[0] : undefined;
    const clause = key ? this.index.clause(key) : undefined;
    const shown = found ?? (key && clause ? { clause, key, score: 0, coverage: 0, confidence: 0 } : undefined);
    const beside = shown ? withCompanions(related, [shown], RELATED, isCompanion).slice(0, RELATED) : related;
    const citations = [...governing, ...beside].map((r) => citationOf(r.clause));
    governing.forEach((g, i) => {
      const bullet = g.passage === undefined ? undefined : bulletsOf(g.clause.text)[g.passage];
      if (bullet) citations[i].deciding = bullet;
    });
    const nextSteps = this.nextStepsFor(governing.map((g) => g.key), directionOf(cleaned));
    // A safeguarding topic's report button, when its leading clause has none (7.6.7 -> 3.1's).
    for (const id of safeguarding && !nextSteps.length ? safeguarding.clauses : []) {
      nextSteps.push(...this.nextStepsFor(this.keysOf(id)));
      if (nextSteps.length) break;
    }
    const answer: Answer = {
      answered: true,
      confidence: round(confidence),
      citations,
      governing: governing.length,
      nextSteps,
      nearest: [],
      text: '',
      ...(safeguarding ? { safeguarding: safeguarding.id } : {}),
    };
    answer.text = answerText(answer, this.kb);
    return answer;
  }

  /** Keys of the clauses with this number, in every loaded document. */
  private keysOf(id: string): string[] {
    return this.kb.clauses.filter((c) => c.id === id).map((c) => clauseKey(c.docId, c.id));
  }

  /**
   * The clause a safeguarding question leads with: the first topic's first clause (the topic knows
   * connecting from messaging, a pupil from a former pupil); in a multi-part question, or for
   * abuse posted on a school page (its moderation clause), a governing clause of a topic; taken
   * from the candidates when ranked, else from the policy.
   */
  private leadFor(topics: readonly SafeguardingTopic[], governing: Ranked[], candidates: Ranked[]): Ranked | undefined {
    const first = topics[0].clauses[0];
    const any = new Set(topics.flatMap((t) => t.clauses));
    const found = governing.find((g) => g.clause.id === first)
      ?? (governing.length > 1 ? governing.find((g) => any.has(g.clause.id)) : undefined)
      // Abuse of someone else: the ranking tells 3.1 (abuse of a colleague) from 7.6.7 (a
      // colleague's conduct) and the school page's moderation clause (7.7); abuse of the asker is 7.6.7.
      ?? (topics[0].id === 'staff-abuse' && (first === '3.1' || first === '7.6.7') ? governing.find((g) => (first === '3.1' ? topics[0].clauses : topics[0].clauses.slice(2)).includes(g.clause.id)) : undefined);
    if (found) return found;
    for (const topic of topics) {
      for (const id of topic.clauses) {
        const ranked = candidates.find((r) => r.clause.id === id);
        if (ranked) return ranked;
        const key = this.keysOf(id)[0];
        const clause = key ? this.index.clause(key) : undefined;
        if (key && clause) return { clause, key, score: 0, coverage: 0, confidence: this.threshold };
      }
    }
    return undefined;
  }

  /** The clauses' next steps; an asker connecting gets a clause's `sending` step instead. */
  private nextStepsFor(keys: string[], direction?: Direction): NextStep[] {
    const steps: NextStep[] = [];
    for (const key of keys) {
      for (const given of this.kb.nextSteps.get(key) ?? []) {
        const step = direction === 'sending' && given.sending ? { ...given.sending, clauses: given.clauses } : given;
        if (!steps.some((s) => s.kind === step.kind && s.step === step.step)) steps.push(step);
      }
    }
    return steps;
  }

  /** The not-covered answer: the nearest sections and who to ask (the decision layer refuses with it too). */
  notCovered(retrieval: Retrieval, confidence: number): Answer {
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

/** A question's ideas of its own: the analysis units that are not neutral (focus, parts, PROMOTE_STORY). */
export function ownIdeaCount(analysis: QueryAnalysis): number {
  return analysis.units.filter((u) => u.kind !== 'neutral').length;
}

/**
 * Safeguarding topics already worked out per analysis and text: a question turn asks for the same
 * pair twice (the pair re-ranker's candidates, then the answer's lead), and an analysis is never
 * changed once made. Held weakly, so they go with the analysis. (Kept here, not in
 * safeguarding.ts, whose text the re-ranker's training hash reads.)
 */
const knownTopics = new WeakMap<QueryAnalysis, Map<string, readonly SafeguardingTopic[]>>();

/** safeguardingTopics(analysis, text), the same frozen list for the same pair. */
function topicsOf(analysis: QueryAnalysis, text: string): readonly SafeguardingTopic[] {
  let known = knownTopics.get(analysis);
  const kept = known?.get(text);
  if (kept) return kept;
  const topics = safeguardingTopics(analysis, text);
  // Shared by callers from now on: frozen, so no caller can change another's.
  for (const t of topics) {
    Object.freeze(t.clauses);
    Object.freeze(t);
  }
  Object.freeze(topics);
  if (!known) knownTopics.set(analysis, (known = new Map()));
  known.set(text, topics);
  return topics;
}

/** Before in the classifier's order: more probable, then the smaller key (a total order: keys are unique). */
function likelier(k: string, p: number, key: string, q: number): boolean {
  return p > q || (p === q && k < key);
}

/**
 * Where `key` stands in the classifier's clauses sorted by probability, then key (-1: not among
 * them): counted, so no sorted copy of every clause is built per question.
 */
function probabilityRank(clauses: ReadonlyMap<string, number>, key: string): number {
  const q = clauses.get(key);
  if (q === undefined) return -1;
  let rank = 0;
  clauses.forEach((p, k) => { if (likelier(k, p, key, q)) rank++; });
  return rank;
}

/**
 * The `n` clauses at `minP` or more that come first by `before` (a strict order: an entry goes
 * ahead of those it is before), in that order: a selection, not a sort of every clause.
 */
function firstBy(clauses: ReadonlyMap<string, number>, minP: number, n: number, before: (k: string, p: number, key: string, q: number) => boolean): string[] {
  const keys: string[] = [];
  const probs: number[] = [];
  clauses.forEach((p, k) => {
    if (!(p >= minP)) return;
    let at = keys.length;
    while (at > 0 && before(k, p, keys[at - 1], probs[at - 1])) at--;
    if (at >= n) return;
    keys.splice(at, 0, k);
    probs.splice(at, 0, p);
    if (keys.length > n) {
      keys.pop();
      probs.pop();
    }
  });
  return keys;
}

/** The `n` likeliest clauses at `minP` or more, ties by key (the classifier's order). */
const likeliest = (clauses: ReadonlyMap<string, number>, minP: number, n: number): string[] => firstBy(clauses, minP, n, likelier);

/**
 * The `n` likeliest clauses at `minP` or more, equally likely ones in the map's order: what a
 * stable sort of every entry by probability, then the first `n`, gives, without copying the map.
 */
const likeliestInOrder = (clauses: ReadonlyMap<string, number>, minP: number, n: number): string[] => firstBy(clauses, minP, n, (_, p, __, q) => p > q);

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

function policyName(kb: KnowledgeBase, docId: string): string {
  return kb.documents.find((d) => d.id === docId)?.title ?? 'the policy';
}

/** A clause's bullet lines, verbatim ("- Under no circumstances…"), in order; none when it has none. */
export function bulletsOf(text: string): string[] {
  return text.split('\n').filter((l) => /^\s*[-*+]\s/.test(l));
}

/** The quote with the deciding bullet moved up to follow the lead-in: same words, the one that matters first. */
export function decidingFirst(quote: string, deciding?: string): string {
  if (!deciding) return quote;
  const lines = quote.split('\n');
  const at = lines.indexOf(deciding);
  const first = lines.findIndex((l) => /^\s*[-*+]\s/.test(l));
  if (at <= first || first < 0) return quote;
  lines.splice(at, 1);
  lines.splice(first, 0, deciding);
  return lines.join('\n');
}

/** The plain-text answer: for the CLI, for clients without cards, and for the card's fallback. */
export function answerText(answer: Answer, kb: KnowledgeBase): string {
  const lines: string[] = [];
  const governing = answer.citations.slice(0, answer.governing);
  const related = answer.citations.slice(answer.governing);
  const many = kb.documents.length > 1;
  for (const c of governing) {
    lines.push(`${many ? `${policyName(kb, c.docId)}, ` : ''}${c.id} (${c.section}${c.title !== c.section.replace(/^\S+\s/, '') ? ` › ${c.title}` : ''}):`);
    lines.push(`"${decidingFirst(c.quote, c.deciding)}"`);
    lines.push('');
  }
  for (const step of answer.nextSteps) lines.push(step.kind ? `Next step: ${step.step} (say "report" to start: ${step.action}.)` : `What to do: ${step.step}`);
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
