/**
 * `trustline ask "QUESTION" [--json]`: the answer the bot would give, offline.
 * With no question (or `-`) it reads questions from standard input, one per line, and prints one
 * JSON line per question, in order: {"answered", "citations": [{"id", "title", "quote"}], "text"}.
 * Citations are best first; `id` is exactly the policy's clause number or `Appendix B`.
 * Options: --policy FILE (repeatable) instead of POLICY_PATHS; --llm phrases answers with the
 * configured model (off otherwise; the offline answer is used on any failure); --decision adds
 * what the bot does with it ("decision": answer | choose | near | refuse, and the "options" it
 * offers as situations), so "shown as answer or choice" can be scored from outside.
 */
import readline from 'node:readline';
import type { CliCommand, CliIo } from '../io';
import { parseArgs } from '../io';
import { policyPaths } from './policyPaths';
import { PolicyService } from '../../domain/policy/service';
import { KnowledgeBaseError } from '../../domain/policy/knowledgeBase';
import type { Answer } from '../../domain/policy/model';
import { createPhraser } from '../../domain/policy/phraser';
import { loadConfig } from '../../config';
import { choiceText } from '../../domain/policy/decision';

export interface AskJson {
  answered: boolean;
  citations: { id: string; title: string; quote: string }[];
  text: string;
}

export interface AskDecisionJson extends AskJson {
  decision: 'answer' | 'choose' | 'near' | 'refuse';
  options: { id: string; title: string; situation: string }[];
}

export function toJson(answer: Answer): AskJson {
  return {
    answered: answer.answered,
    citations: answer.citations.map((c) => ({ id: c.id, title: c.title, quote: c.quote })),
    text: answer.generated ? `${answer.generated}\n\n${answer.text}` : answer.text,
  };
}

/** A stdin line is a question; a JSON object line with a "question" (or "q"/"text") field is accepted too. */
function questionOf(line: string): string {
  const trimmed = line.trim();
  if (trimmed.startsWith('{')) {
    try {
      const v = JSON.parse(trimmed) as Record<string, unknown>;
      for (const k of ['question', 'q', 'text']) if (typeof v[k] === 'string') return v[k] as string;
    } catch {
      // Not JSON: a question that happens to start with a brace.
    }
  }
  return trimmed;
}

const EMPTY: AskJson = { answered: false, citations: [], text: 'Please type a question about the policy.' };

async function build(flags: Map<string, string[]>, io: CliIo): Promise<PolicyService> {
  let phraser;
  if (flags.has('llm')) {
    const llm = loadConfig(io.env).answers.llm;
    if (!llm) throw new Error('--llm needs AZURE_OPENAI_* or OPENAI_API_KEY to be set');
    phraser = createPhraser(llm);
  }
  return PolicyService.load({ paths: policyPaths(flags.get('policy'), io.env), phraser, onPhraserError: (err) => io.err(`(model phrasing failed: ${(err as Error).message}; offline answer used)`) });
}

/** The answer (or, with --decision, what the bot would send) as JSON, or as plain text. */
async function respond(service: PolicyService, question: string, withDecision: boolean): Promise<{ json: AskJson | AskDecisionJson; text: string }> {
  if (!withDecision) {
    const answer = await service.answerWithPhrasing(question);
    return { json: toJson(answer), text: answer.generated ? `${answer.generated}\n\n${answer.text}` : answer.text };
  }
  const d = await service.decideWithPhrasing(question);
  const base = toJson(d.answer);
  const offered = d.kind === 'choose' || d.kind === 'near';
  const text = offered ? choiceText(d, service.knowledgeBase) : base.text;
  return {
    json: { ...base, text, decision: d.kind, options: d.options.map((o) => ({ id: o.id, title: o.title, situation: o.situation })) },
    text,
  };
}

async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, [], ['policy']);
  if (typeof parsed === 'string') {
    io.err(`${parsed}\n${command.usage}`);
    return 2;
  }
  const { positional, flags } = parsed;
  let service: PolicyService;
  try {
    service = await build(flags, io);
  } catch (err) {
    io.err(err instanceof KnowledgeBaseError ? `Cannot load the policy: ${err.message}` : `trustline ask: ${(err as Error).message}`);
    return 2;
  }

  const question = positional.filter((p) => p !== '-').join(' ').trim();
  if (!question && positional.some((p) => p !== '-')) {
    // `ask ""` (an empty shell variable, say) would otherwise wait on stdin and print nothing.
    io.err(`trustline ask: the question is empty; give a question in quotes, or none to read questions from stdin\n${command.usage}`);
    return 2;
  }
  const withDecision = flags.has('decision');
  if (question) {
    const r = await respond(service, question, withDecision);
    io.out(flags.has('json') ? JSON.stringify(r.json) : r.text);
    return 0;
  }

  if (!io.stdin) {
    io.err(command.usage);
    return 2;
  }
  // One JSON line per input line, in order; a blank line in the middle still gets its line.
  const lines = readline.createInterface({ input: io.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    const q = questionOf(line);
    io.out(JSON.stringify(q ? (await respond(service, q, withDecision)).json : EMPTY));
  }
  return 0;
}

export const command: CliCommand = {
  name: 'ask',
  summary: 'answer a question from the policy (or one per stdin line, as JSON lines)',
  usage: `Usage:
  trustline ask "QUESTION" [--json] [--decision] [--policy FILE]... [--llm]
      The answer the bot gives: governing clauses quoted, next step, related clauses.
      --decision: also what the bot sends ("decision": answer|choose|near|refuse, "options").
  trustline ask [--decision] [--policy FILE]... < questions.txt
      One question per line; prints one JSON line per question, in order:
      {"answered": true|false, "citations": [{"id", "title", "quote"}], "text": "..."}`,
  run,
};
