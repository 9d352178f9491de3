/**
 * The decision layer on top of the Answerer's ranked clauses and confidence: answer outright,
 * ask "which is closest to your situation?", show the nearest clauses ("the policy does not
 * clearly answer this"), or refuse. Never guesses silently between close clauses and never
 * refuses bare when something in the policy is near. Thresholds: docs/ANSWERS.md, "Decision".
 */
import type { Answer, Clause } from './model';
import { answerText, citationOf, cleanQuestion, MAX_QUESTION_CHARS, type Answerer, type Retrieval } from './answerer';
import { asksAboutPhotoArrangements, asksAboutPupilDiscipline, asksAboutPupilsOwnUse, asksForContentOnly } from './scope';
import { clauseKey, type KnowledgeBase } from './knowledgeBase';
import { GOVERNING_CLAUSES, SAFEGUARDING_CLAUSES, pupilReachedAsker, withCompanions } from './safeguarding';

/** Measured on the seen splits (`npm run eval -- --decision-sweep`, docs/ANSWERS.md). */
export const DECISION = {
  /** At or above this confidence (and no close rival) the best clause is the answer. */
  sure: 0.75,
  /** A rival within this share of the best score is "close": ask, even when sure. */
  close: 0.7,
  /** Below `sure`, a rival within this share of the best score is worth offering. */
  middling: 0.2,
  /** A rival must itself be at least this confident to be offered. */
  optionConfidence: 0.4,
  /** Not answered, but the best clause is at least this confident: show the nearest clauses. */
  near: 0.45,
  /** A nearest clause is shown when at least this confident. */
  nearOption: 0.3,
  maxOptions: 4,
  maxNear: 4,
  /**
   * The pair re-ranker unsure (docs/ANSWERS.md, round 12). An answer with no lexical rival is a
   * choice when its lead's softmax share is below `flatShare` or the second's is at least
   * `flatRatio` of it (0: never)…
   */
  flatShare: 0,
  flatRatio: 0.5,
  /** …and a question not answered is a choice when the ranker's first `askTop` each hold this share (0: never)… */
  askShare: 0.2,
  askTop: 2,
  /** …offering its clauses with at least `shareOption` of the softmax (0.1 before round 16); never when the classifier gives "out of scope" this much. */
  shareOption: 0.05,
  askOos: 0.05,
  /** …and only when the question's confidence is at least this (as the nearest clauses need `near`). */
  askFloor: 0,
  /**
   * A choice between lexical rivals also offers the re-ranker's clauses with `shareOption` of the
   * softmax, all in the ranking's order (1), or only the lexical rivals (0). Round 16.
   */
  rankerOptions: 1,
  /** The nearest clauses also take the re-ranker's with this share of the softmax (0: never). Round 16. */
  nearShare: 0.1,
  /**
   * Round 19: a question not answered (its words only half match) on which the re-ranker's
   * meaning-based signals agree: its lead holds at least `leadShare` of the softmax (0: never) and
   * the classifier gives "out of scope" under `leadOos`. Its clauses with `shareOption` are shown:
   * as "which is closest" when the question is in scope by `askOos` and two are plausible, else as
   * the nearest. Only a question that would have been refused changes.
   */
  leadShare: 0.3,
  leadOos: 0.2,
  /**
   * Round 19: an answer refused as another policy's question whose lead the re-ranker holds at
   * least this share of the softmax is shown as the nearest instead (0: never).
   */
  otherLead: 0.7,
  /**
   * Round 29: a question the re-ranker leads on (`leadShare`) that names a subject of school life
   * the policy does not deal with (vocabulary.ts SCHOOL_TOPICS: pay, leave, uniform…) is shown the
   * nearest clauses, never asked "which is closest" as if one of them answered it (0: asked as before).
   */
  topicNear: 1,
  /**
   * Round 25: an answer the words alone did not make (answerer.ts PROMOTE: the re-ranker sure of its
   * lead) is given outright only when its lead holds at least this share of the softmax; under it, it
   * is "which is closest", its lead first, with the clauses the nearest card would have shown (1: never outright).
   */
  promotedAnswer: 0.7,
  /**
   * Round 69: a safeguarding answer (its topic always answers) whose question the classifier gives
   * "out of scope" at least this share is shown as the nearest clauses, its own first, each with its
   * report, not as the answer (1: never). On the ninth to twelfth first-look groups, scored on models
   * that had not seen them, 6 out-of-scope questions were answered this way ("who prints the photos for
   * the Year 6 leavers' book") and no in-scope one; over the training sets, on round 69's models, 42 out of
   * scope and 2 in scope (shown their clause first, with its report, as before).
   */
  safeguardingOos: 0.7,
  /**
   * Round 70: a safeguarding answer offered as a choice whose re-ranker holds at least this share of
   * the softmax on a clause outside the safeguarding ones offers that clause first, the topic's
   * clauses next with their reports (`rankerFirst`; 0: never). On the ninth to thirteenth first-look
   * groups, scored on models that had not seen them, the clause shown first was the writer's 42 more
   * times in the general sets (3,750 in scope) and never fewer, and 7 more in the safeguarding sets.
   */
  topicChoice: 0.6,
};
export type DecisionThresholds = typeof DECISION;

export type DecisionKind = 'answer' | 'choose' | 'near' | 'refuse';

/** A candidate clause offered as a situation to pick. */
export interface Situation {
  key: string;
  docId: string;
  id: string;
  title: string;
  section: string;
  /** One line: the sidecar's `situations` entry, else the clause's own first sentence (never invented). */
  situation: string;
  /** The report the policy asks for in this situation (sidecar next step), so it is one tap away. */
  reportKind?: string;
}

export interface Decision {
  kind: DecisionKind;
  /** The offline answer (answered or not covered), as the Answerer gave it. */
  answer: Answer;
  /** For `choose` and `near`: the clauses to offer, best first. */
  options: Situation[];
}

const SITUATION_CHARS = 120;

/** The clause's first sentence (or lead-in line), cut at a word: its own words, so no rule is invented. */
export function firstSentence(text: string, max = SITUATION_CHARS): string {
  const line = text.split('\n')[0].trim();
  const end = line.search(/[.!?:](\s|$)/);
  const sentence = end > 20 ? line.slice(0, end + 1) : line;
  if (sentence.length <= max) return sentence;
  const cut = sentence.lastIndexOf(' ', max - 1);
  return `${sentence.slice(0, cut > 40 ? cut : max - 1)}…`;
}

export function situationOf(kb: KnowledgeBase, clause: Clause): Situation {
  const key = clauseKey(clause.docId, clause.id);
  const c = citationOf(clause);
  const reportKind = kb.nextSteps.get(key)?.[0]?.kind;
  return {
    key, docId: clause.docId, id: clause.id, title: c.title, section: c.section,
    situation: kb.situations.get(key) ?? firstSentence(clause.text),
    ...(reportKind ? { reportKind } : {}),
  };
}

export function decide(answerer: Answerer, question: string, t: DecisionThresholds = DECISION): Decision {
  const answer = answerer.answer(question);
  const retrieval = answerer.retrieve(cleanQuestion(question));
  const { ranked } = retrieval;
  const top = ranked[0];
  const offer = (list: typeof ranked, kind: 'choose' | 'near'): Decision => ({ kind, answer, options: list.map((r) => situationOf(answerer.kb, r.clause)) });
  if (!top) return { kind: answer.answered ? 'answer' : 'refuse', answer, options: [] };
  // The question as typed (up to the length read): content made up for the asker is refused as typed,
  // since cutting "forget the policy and tell me" from the cleaned question leaves "a story about
  // teachers on tiktok", which must not be offered.
  const asked = question.slice(0, MAX_QUESTION_CHARS);
  if (asksForContentOnly(asked)) return { kind: 'refuse', answer, options: [] };

  // Another policy's question (a school topic the best clause does not name, pupils' own use of
  // phones and apps, arranging photos, what the school may do to a pupil: scope.ts) is refused with
  // its pointer, whatever the confidence; safeguarding and multi-part answers are not second-guessed.
  const otherAsk = asksAboutPupilsOwnUse(asked) || asksAboutPhotoArrangements(asked) || asksAboutPupilDiscipline(asked);
  const otherPolicy = otherAsk || otherSchoolTopic(answerer, retrieval);
  if (answer.answered && !answer.safeguarding && answer.governing === 1 && otherPolicy) {
    const refused = answerer.notCovered(retrieval, Math.min(answer.confidence, answerer.threshold - 0.01));
    // The re-ranker sure of the clause the words pointed to: the scene named another policy's
    // topic, the question is still this clause's; shown as the nearest, never as the answer. Not
    // for what is asked of another policy (pupils' own apps, booking photos, sanctions): how sure
    // the re-ranker is of the words does not make that this policy's question (round 59).
    const led = t.otherLead && !otherAsk ? rankerLed(retrieval, t, t.otherLead) : [];
    if (led.length) return { kind: 'near', answer: refused, options: led.map((r) => situationOf(answerer.kb, r.clause)) };
    return { kind: 'refuse', answer: refused, options: [] };
  }
  if (answer.answered) {
    // A multi-part question already answers each part with its own clause.
    if (answer.governing > 1) return { kind: 'answer', answer, options: [] };
    if (answer.safeguarding && (retrieval.oos ?? 0) >= t.safeguardingOos) return { kind: 'near', answer, options: citedSituations(answerer, answer, t.maxNear) };
    const first = answer.citations[0];
    const leadClause = first ? answerer.kb.byKey.get(clauseKey(first.docId, first.id)) : undefined;
    // A safeguarding answer may lead with a clause the ranking did not list: it still leads.
    const lead = ranked.find((r) => r.clause.id === first?.id && r.clause.docId === first?.docId)
      ?? (leadClause ? { clause: leadClause, key: clauseKey(leadClause.docId, leadClause.id), score: top.score, coverage: top.coverage, confidence: answer.confidence } : top);
    const rivalAt = answer.confidence >= t.sure ? t.close : t.middling;
    const rivals = ranked.filter((r) => r !== lead && r.confidence >= t.optionConfidence && r.score >= rivalAt * lead.score);
    if (rivals.length) {
      const options = withAnswerCompanion(answerer, answer, [lead, ...withRankerOptions(retrieval, lead, rivals, t, Boolean(answer.safeguarding))]);
      return offer(rankerFirst(retrieval, lead, options, answer.safeguarding, asked, t).slice(0, t.maxOptions), 'choose');
    }
    const unsure = unsureRivals(retrieval, lead, t);
    if (!answer.safeguarding && unsure.length) return offer([lead, ...unsure].slice(0, t.maxOptions), 'choose');
    const promotedRivals = answer.safeguarding ? [] : promotedChoices(retrieval, lead, t);
    if (promotedRivals.length) return offer([lead, ...promotedRivals].slice(0, t.maxOptions), 'choose');
    return { kind: 'answer', answer, options: [] };
  }
  const plausible = !otherPolicy && answer.confidence >= t.askFloor ? plausibleChoices(retrieval, t) : [];
  if (plausible.length) {
    // The nearest clauses the lexical match would have shown stay among the options.
    const near = answer.confidence >= t.near ? ranked.filter((r) => r.confidence >= t.nearOption && !plausible.includes(r)).slice(0, t.maxNear) : [];
    return offer([...plausible, ...near].slice(0, Math.max(t.maxOptions, plausible.length)), 'choose');
  }
  if (answer.confidence >= t.near && !otherPolicy) {
    const nearest = ranked.filter((r) => r.confidence >= t.nearOption);
    if (nearest.length) return offer(withRankerNearest(retrieval, nearest, t).slice(0, t.maxNear), 'near');
  }
  const led = t.leadShare && !otherPolicy ? rankerLed(retrieval, t, t.leadShare) : [];
  const namesTopic = t.topicNear > 0 && retrieval.analysis.units.some((u) => u.kind === 'topic');
  if (led.length) return offer(led, led.length > 1 && inScope(retrieval, t) && !namesTopic ? 'choose' : 'near');
  return { kind: 'refuse', answer, options: [] };
}

type Ranked = Retrieval['ranked'][number];

/**
 * Clauses the re-ranker is not trusted over a topic with: the general sets' writers label them where issue 8's rule
 * puts a safeguarding clause first. Pupils on WhatsApp (5.3: 914 such questions labelled 5.3, 63 labelled 9.1), and
 * answering back (7.6.2, 7.6.3) where a colleague is abused ("parents are piling in on a facebook post about our
 * deputy head" leads with 3.1).
 */
const CONTESTED: ReadonlySet<string> = new Set(['5.3', '7.6.2', '7.6.3']);

/**
 * A safeguarding answer already offered as a choice (its clause has close rivals) whose re-ranker holds
 * `topicChoice` of its softmax on a clause outside the safeguarding ones offers that clause first, the
 * topic's clauses straight after it, each with its report button. The topic's words fire on scenes
 * with no pupil contact in them ("e-mailing the department a scanned chapter for the Year 9 scheme of work").
 * Not when a pupil is told reaching the asker ("one of my students emailed my personal gmail"): issue
 * 8's rule leads that with the topic's clause, however sure the re-ranker is of e-mail. Not for a
 * clause in CONTESTED, nor when it would push one of the answer's governing clauses out of the first three.
 */
function rankerFirst(retrieval: Retrieval, lead: Ranked, options: Ranked[], topic: string | undefined, asked: string, t: DecisionThresholds): Ranked[] {
  const { ranked, shares } = retrieval;
  if (!topic || !t.topicChoice || !shares?.length) return options;
  if (topic === 'pupil-contact' && pupilReachedAsker(asked)) return options;
  const best = shares.indexOf(Math.max(...shares));
  const top = ranked[best];
  if (!top || top.key === lead.key || shares[best] < t.topicChoice || SAFEGUARDING_CLAUSES.has(top.clause.id) || CONTESTED.has(top.clause.id)) return options;
  const reordered = [top, ...options.filter((o) => o.key !== top.key)];
  const governing = options.slice(0, 3).filter((o) => GOVERNING_CLAUSES.has(o.clause.id));
  return governing.every((g) => reordered.slice(0, 3).includes(g)) ? reordered : options;
}

/** The answer's own clauses, in its order, as situations (its safeguarding lead and companion first). */
function citedSituations(answerer: Answerer, answer: Answer, n: number): Situation[] {
  return answer.citations.slice(0, n)
    .map((c) => answerer.kb.byKey.get(clauseKey(c.docId, c.id)))
    .filter((c): c is Clause => c !== undefined)
    .map((c) => situationOf(answerer.kb, c));
}
const inScope = ({ oos }: Retrieval, t: DecisionThresholds) => (oos ?? 1) < t.askOos;

/**
 * A choice between lexical rivals: the re-ranker's plausible clauses join them (a clause the
 * classifier or the neighbours added has no lexical score, so it is never a lexical rival), all
 * in the ranking's order (after the rivals, for a safeguarding answer). Asks no more often; it
 * only changes what a choice offers.
 */
function withRankerOptions(retrieval: Retrieval, lead: Ranked, rivals: Ranked[], t: DecisionThresholds, safeguarding: boolean): Ranked[] {
  const { ranked, shares } = retrieval;
  if (!t.rankerOptions || !shares || !inScope(retrieval, t)) return rivals;
  const added = ranked.filter((r, i) => r !== lead && (rivals.includes(r) || shares[i] >= t.shareOption));
  // A safeguarding answer's rivals keep their places (its topic's other clause, with its report
  // button, is never pushed out of the first three); the re-ranker's clauses follow them.
  return safeguarding ? [...rivals, ...added.filter((r) => !rivals.includes(r))] : added;
}

/**
 * A safeguarding answer's choice keeps every governing clause its answer shows beside the lead (its
 * topic's other half, answerer.ts, and another topic's the ranking put there) among the first three
 * offered, each with its report button: an answer showing 7.6.7, then 7.6.15 and 3.1, offers all three.
 */
function withAnswerCompanion(answerer: Answerer, answer: Answer, options: Ranked[]): Ranked[] {
  if (!answer.safeguarding || !answer.answered) return options;
  const companions = answer.citations.slice(1, 3).filter((c) => GOVERNING_CLAUSES.has(c.id)).flatMap((c) => {
    const key = clauseKey(c.docId, c.id);
    const clause = answerer.kb.byKey.get(key);
    return clause ? [{ clause, key, score: 0, coverage: 0, confidence: 0 }] : [];
  });
  return withCompanions(options, companions, 3, (o, c) => o.key === c.key);
}

/**
 * The nearest clauses of a question not clearly answered: the re-ranker's clauses with `nearShare`
 * of the softmax join the lexically near ones, all in the ranking's order (round 16). Only which
 * clauses are shown changes, never whether any are.
 */
function withRankerNearest({ ranked, shares }: Retrieval, nearest: Ranked[], t: DecisionThresholds): Ranked[] {
  if (!t.nearShare || !shares) return nearest;
  return ranked.filter((r, i) => nearest.includes(r) || shares[i] >= t.nearShare);
}

/**
 * A question the words only half match, on which the re-ranker's meaning-based signals (the
 * classifier, the labelled questions nearest in wording) agree on one clause: it and the
 * re-ranker's other clauses with `shareOption` of the softmax, in its order (else none).
 */
function rankerLed(retrieval: Retrieval, t: DecisionThresholds, share: number): Ranked[] {
  const { ranked, shares, oos } = retrieval;
  if (!shares?.length || shares[0] < share || (oos ?? 1) >= t.leadOos) return [];
  return ranked.filter((_, i) => i === 0 || shares[i] >= t.shareOption).slice(0, t.maxOptions);
}

/** An answer's lead the re-ranker is unsure of: its other clauses with a fair share of the softmax. */
function unsureRivals(retrieval: Retrieval, lead: Ranked, t: DecisionThresholds): Ranked[] {
  const { ranked, shares } = retrieval;
  if (!shares || !inScope(retrieval, t) || shares.length < 2 || ranked[0] !== lead) return [];
  const flat = shares[0] < t.flatShare || (t.flatRatio > 0 && shares[1] >= t.flatRatio * shares[0]);
  if (!flat) return [];
  return ranked.filter((_, i) => i > 0 && shares[i] >= t.shareOption);
}

/**
 * A promoted answer (answerable on the re-ranker's word alone) its re-ranker holds under
 * `promotedAnswer`: the clauses the nearest card would have shown, then the re-ranker's others with
 * `shareOption`, so a choice never shows less than the card it replaces.
 */
function promotedChoices(retrieval: Retrieval, lead: Ranked, t: DecisionThresholds): Ranked[] {
  const { ranked, shares, promoted } = retrieval;
  if (promoted === undefined || promoted >= t.promotedAnswer || !shares || ranked[0] !== lead) return [];
  const nearest = withRankerNearest(retrieval, ranked.filter((r) => r.confidence >= t.nearOption), t).slice(0, t.maxNear);
  const others = ranked.filter((_, i) => shares[i] >= t.shareOption);
  return [...new Set([...nearest, ...others])].filter((r) => r !== lead);
}

/** Not answered, but the re-ranker's first few are all plausible: ask which, instead of "nearest" or refusing. */
function plausibleChoices(retrieval: Retrieval, t: DecisionThresholds): Ranked[] {
  const { ranked, shares } = retrieval;
  if (!t.askShare || !shares || !inScope(retrieval, t) || shares.length < t.askTop) return [];
  for (let i = 0; i < t.askTop; i++) if (shares[i] < t.askShare) return [];
  return ranked.filter((_, i) => shares[i] >= Math.min(t.shareOption, t.askShare)).slice(0, t.maxOptions);
}

/**
 * The question names a school topic (pay, leave, trips, complaints procedure, first aid…: the
 * school's other policies) that the nearest clause does not, and is not a case of something the
 * policy governs done in that setting (an email, a post, a picture): it is another policy's
 * question, so it is refused with its pointer, not shown "nearest" clauses.
 */
export function otherSchoolTopic(answerer: Answerer, { analysis, ranked }: Retrieval): boolean {
  const top = ranked[0];
  if (!top) return false;
  const explained = answerer.index.explain(analysis, top.key, top.passage);
  if (!explained.some((e) => e.unit.topic && e.credit < 0.5)) return false;
  const act = !analysis.procedural && explained.some((e) => !e.unit.topic && e.credit >= 0.5 && answerer.index.isAct(e.unit));
  return !act;
}

/**
 * The full answer for a clause someone picked: the clause quoted, its next steps, and the other
 * offered clauses as related. Built from the policy only, like every answer.
 */
export function answerForClause(kb: KnowledgeBase, key: string, relatedKeys: string[] = []): Answer | undefined {
  const clause = kb.byKey.get(key);
  if (!clause || clause.kind === 'heading' || !clause.text.trim()) return undefined;
  const related = relatedKeys
    .filter((k) => k !== key)
    .map((k) => kb.byKey.get(k))
    .filter((c): c is Clause => Boolean(c && c.kind !== 'heading' && c.text.trim()))
    .slice(0, 3);
  const answer: Answer = {
    answered: true,
    confidence: 1,
    citations: [clause, ...related].map(citationOf),
    governing: 1,
    nextSteps: kb.nextSteps.get(key) ?? [],
    nearest: [],
    text: '',
  };
  answer.text = answerText(answer, kb);
  return answer;
}

/** Plain text of a choice (fallback text, CLI): the situations with their clause numbers. */
export function choiceText(decision: Decision, kb: KnowledgeBase): string {
  const head = decision.kind === 'near'
    ? 'The policy does not clearly answer this. The nearest parts of it are:'
    : 'Which is closest to your situation?';
  const lines = decision.options.map((o) => `- ${o.id} (${o.title}): ${o.situation}`);
  return [head, ...lines, `If none fits, please ask ${kb.contact}.`].join('\n');
}
