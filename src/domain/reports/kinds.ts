/**
 * Report kinds as data: one JSON file per kind in reportKinds/ (shared option lists in
 * reportKinds/_options.json), so a trust adds or changes a kind without code. The loader checks
 * every definition and names the file and field in each problem, and adds the common fields
 * every report records (school, when, immediate risk, evidence, whether it concerns a triager).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Priority, RetentionClass, RoutingRule } from './types';
import { KIND_ID_PATTERN } from './types';

export const DEFAULT_KINDS_DIR = path.resolve(__dirname, '..', '..', '..', 'reportKinds');

export const FIELD_TYPES = ['text', 'longtext', 'choice', 'multichoice', 'date', 'datetime', 'url', 'boolean', 'person'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export interface FieldOption {
  value: string;
  title: string;
}

export interface FieldDefinition {
  id: string;
  type: FieldType;
  label: string;
  required: boolean;
  /** Personal data (pupil names, write-ups): shown only to triagers, never in channel cards. */
  sensitive: boolean;
  help?: string;
  placeholder?: string;
  /** Characters, for text-like types (and per name for person). */
  maxLength?: number;
  options?: FieldOption[];
  /** multichoice, and person with multiple: how many. */
  minItems?: number;
  maxItems?: number;
  /** person: a list of names. */
  multiple?: boolean;
  /** date/datetime: 'past' (default: not in the future), 'future' or 'any'. */
  when?: 'past' | 'future' | 'any';
  /** Initial value shown on a new form. */
  default?: string;
  /**
   * false: asked under "More details", folded away so the form's first screen on a phone holds
   * what is needed first. A required field may be folded too: the fold's heading then names it
   * as still needed, and Review opens the fold with the error under it (never stops unseen).
   */
  essential?: boolean;
}

export interface CommonOverride {
  /** false: not asked; the report records a fixed value (happenedAt = submitted at, risk 'not-asked'). */
  ask?: boolean;
  label?: string;
  help?: string;
  /** As a field's `essential`: false folds it under "More details", true keeps it in the first part. */
  essential?: boolean;
}

export const COMMON_FIELD_IDS = ['school', 'immediateRisk', 'toldDsl', 'happenedAt', 'evidenceHeld', 'concernsTriager'] as const;
export type CommonFieldId = (typeof COMMON_FIELD_IDS)[number];
/** Common fields a kind may switch off or relabel (school is always asked; concernsTriager follows routing). */
const OVERRIDABLE: readonly CommonFieldId[] = ['happenedAt', 'immediateRisk', 'evidenceHeld', 'concernsTriager'];

export interface KindDefinition {
  id: string;
  title: string;
  /** One sentence for the kind picker. */
  summary: string;
  clauses: string[];
  guidance: string[];
  /** Shows the "child at immediate risk: tell the DSL now or call 999" banner. */
  safeguarding: boolean;
  priority: Priority;
  referencePrefix: string;
  routing: RoutingRule;
  retentionClass: RetentionClass;
  /** The kind's own fields, in form order. */
  fields: FieldDefinition[];
  common: Partial<Record<CommonFieldId, CommonOverride>>;
  /** The file it came from (for error messages). */
  source: string;
}

export class KindDefinitionError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid report kind definitions:\n  - ${problems.join('\n  - ')}`);
    this.name = 'KindDefinitionError';
  }
}

/** Limits that keep every form and stored record bounded whatever a definition says. */
export const LIMITS = { text: 500, longtext: 8000, url: 2000, person: 150, options: 60, fields: 30, guidance: 1000 } as const;
const DEFAULT_MAX: Record<FieldType, number> = {
  text: 200, longtext: 4000, url: 2000, person: 100, choice: 0, multichoice: 0, date: 0, datetime: 0, boolean: 0,
};

const FIELD_ID = /^[a-z][A-Za-z0-9]{0,39}$/;
const PREFIX = /^[A-Z][A-Z0-9]{1,7}$/;
const CLAUSE = /^\d+(\.\d+)*$/;

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const KIND_KEYS = ['$comment', 'id', 'title', 'summary', 'clauses', 'guidance', 'safeguarding', 'priority', 'referencePrefix', 'routing', 'retentionClass', 'fields', 'common'];
const FIELD_KEYS = ['$comment', 'id', 'type', 'label', 'required', 'sensitive', 'help', 'placeholder', 'maxLength', 'options', 'minItems', 'maxItems', 'multiple', 'when', 'default', 'essential'];

/** Checks one parsed definition; returns it normalised, or pushes problems prefixed with `where`. */
export function parseKind(raw: unknown, where: string, optionSets: Record<string, FieldOption[]> = {}): { kind?: KindDefinition; problems: string[] } {
  const problems: string[] = [];
  const p = (msg: string) => problems.push(`${where}: ${msg}`);
  if (!isObj(raw)) return { problems: [`${where}: must be a JSON object`] };
  for (const k of Object.keys(raw)) if (!KIND_KEYS.includes(k)) p(`unknown property "${k}" (allowed: ${KIND_KEYS.slice(1).join(', ')})`);

  const str = (key: string, max: number): string => {
    const v = raw[key];
    if (typeof v !== 'string' || !v.trim()) {
      p(`"${key}" is required and must be text`);
      return '';
    }
    if (v.length > max) p(`"${key}" is longer than ${max} characters`);
    return v.trim();
  };
  const id = str('id', 40);
  if (id && !KIND_ID_PATTERN.test(id)) p(`"id" must be lower-case letters, digits and dashes, 2 to 40 characters (got "${id}")`);
  const title = str('title', 80);
  const summary = str('summary', 300);
  const referencePrefix = str('referencePrefix', 8);
  if (referencePrefix && !PREFIX.test(referencePrefix)) p(`"referencePrefix" must be 2 to 8 capital letters or digits, starting with a letter (got "${referencePrefix}")`);
  const retentionClass = str('retentionClass', 40);

  const clauses = Array.isArray(raw.clauses) ? raw.clauses : [];
  if (!Array.isArray(raw.clauses) || clauses.length === 0) p('"clauses" must list the governing clause numbers, e.g. ["7.6.15"]');
  for (const c of clauses) if (typeof c !== 'string' || !CLAUSE.test(c)) p(`clause ${JSON.stringify(c)} is not a clause number like "7.6.15"`);

  const guidance = Array.isArray(raw.guidance) ? raw.guidance : [];
  if (!Array.isArray(raw.guidance) || guidance.length === 0) p('"guidance" must be a list of one or more paragraphs');
  for (const g of guidance) if (typeof g !== 'string' || !g.trim() || g.length > LIMITS.guidance) p(`each guidance paragraph must be text of at most ${LIMITS.guidance} characters`);

  if (typeof raw.safeguarding !== 'boolean') p('"safeguarding" must be true or false');
  if (raw.priority !== 'high' && raw.priority !== 'normal') p(`"priority" must be "high" or "normal" (got ${JSON.stringify(raw.priority)})`);

  const routing = raw.routing;
  if (!isObj(routing) || typeof routing.alsoTrust !== 'boolean' || typeof routing.bypassWhenConcerningTriager !== 'boolean') {
    p('"routing" must be { "alsoTrust": true|false, "bypassWhenConcerningTriager": true|false }');
  } else {
    for (const k of Object.keys(routing)) if (!['alsoTrust', 'bypassWhenConcerningTriager'].includes(k)) p(`routing: unknown property "${k}"`);
  }

  const common: Partial<Record<CommonFieldId, CommonOverride>> = {};
  if (raw.common !== undefined) {
    if (!isObj(raw.common)) p('"common" must be an object');
    else {
      for (const [k, v] of Object.entries(raw.common)) {
        if (!(OVERRIDABLE as readonly string[]).includes(k)) {
          p(`common: "${k}" cannot be changed (only ${OVERRIDABLE.join(', ')})`);
          continue;
        }
        if (!isObj(v)) {
          p(`common.${k} must be an object`);
          continue;
        }
        for (const key of Object.keys(v)) if (!['ask', 'label', 'help', 'essential'].includes(key)) p(`common.${k}: unknown property "${key}"`);
        if (v.ask !== undefined && typeof v.ask !== 'boolean') p(`common.${k}.ask must be true or false`);
        if (v.essential !== undefined && typeof v.essential !== 'boolean') p(`common.${k}.essential must be true or false`);
        if (v.label !== undefined && (typeof v.label !== 'string' || !v.label.trim() || v.label.length > 150)) p(`common.${k}.label must be text of at most 150 characters`);
        if (v.help !== undefined && (typeof v.help !== 'string' || v.help.length > 500)) p(`common.${k}.help must be text of at most 500 characters`);
        common[k as CommonFieldId] = { ask: v.ask as boolean | undefined, label: v.label as string | undefined, help: v.help as string | undefined, essential: v.essential as boolean | undefined };
      }
    }
  }

  const fields: FieldDefinition[] = [];
  if (!Array.isArray(raw.fields) || raw.fields.length === 0) p('"fields" must be a list of one or more fields');
  else if (raw.fields.length > LIMITS.fields) p(`at most ${LIMITS.fields} fields`);
  const seen = new Set<string>();
  (Array.isArray(raw.fields) ? raw.fields : []).forEach((f: unknown, i: number) => {
    const fw = `fields[${i}]${isObj(f) && typeof f.id === 'string' ? ` ("${f.id}")` : ''}`;
    const field = parseField(f, (msg) => p(`${fw}: ${msg}`), optionSets);
    if (!field) return;
    if ((COMMON_FIELD_IDS as readonly string[]).includes(field.id)) p(`${fw}: "${field.id}" is a common field every report has; choose another id`);
    if (seen.has(field.id)) p(`${fw}: the id "${field.id}" is used twice`);
    seen.add(field.id);
    fields.push(field);
  });

  if (problems.length) return { problems };
  return {
    kind: {
      id, title, summary, referencePrefix, retentionClass, fields, common,
      clauses: clauses as string[],
      guidance: (guidance as string[]).map((g) => g.trim()),
      safeguarding: raw.safeguarding as boolean,
      priority: raw.priority as Priority,
      routing: { alsoTrust: (routing as Json).alsoTrust as boolean, bypassWhenConcerningTriager: (routing as Json).bypassWhenConcerningTriager as boolean },
      source: where,
    },
    problems,
  };
}

function parseField(f: unknown, p: (msg: string) => void, optionSets: Record<string, FieldOption[]>): FieldDefinition | undefined {
  if (!isObj(f)) {
    p('must be an object');
    return undefined;
  }
  const before = { n: 0 };
  const prob = (msg: string) => {
    before.n++;
    p(msg);
  };
  for (const k of Object.keys(f)) if (!FIELD_KEYS.includes(k)) prob(`unknown property "${k}"`);
  const id = typeof f.id === 'string' ? f.id : '';
  if (!FIELD_ID.test(id)) prob('"id" must be a camelCase name starting with a letter (at most 40 characters)');
  const type = f.type as FieldType;
  if (!FIELD_TYPES.includes(type)) prob(`"type" must be one of ${FIELD_TYPES.join(', ')} (got ${JSON.stringify(f.type)})`);
  if (typeof f.label !== 'string' || !f.label.trim() || f.label.length > 150) prob('"label" is required: text of at most 150 characters');
  if (typeof f.required !== 'boolean') prob('"required" must be true or false');
  if (f.sensitive !== undefined && typeof f.sensitive !== 'boolean') prob('"sensitive" must be true or false');
  if (f.essential !== undefined && typeof f.essential !== 'boolean') prob('"essential" must be true or false');
  for (const k of ['help', 'placeholder', 'default'] as const) {
    if (f[k] !== undefined && (typeof f[k] !== 'string' || (f[k] as string).length > 500)) prob(`"${k}" must be text of at most 500 characters`);
  }

  const textLike = type === 'text' || type === 'longtext' || type === 'url' || type === 'person';
  let maxLength: number | undefined;
  if (f.maxLength !== undefined) {
    const limit = textLike ? LIMITS[type] : 0;
    if (!textLike) prob('"maxLength" applies only to text, longtext, url and person fields');
    else if (!Number.isInteger(f.maxLength) || (f.maxLength as number) < 1 || (f.maxLength as number) > limit) prob(`"maxLength" must be a whole number from 1 to ${limit}`);
    else maxLength = f.maxLength as number;
  } else if (textLike) maxLength = DEFAULT_MAX[type];

  let options: FieldOption[] | undefined;
  if (type === 'choice' || type === 'multichoice') {
    let rawOptions: unknown = f.options;
    if (typeof rawOptions === 'string' && rawOptions.startsWith('@')) {
      rawOptions = optionSets[rawOptions.slice(1)];
      if (!rawOptions) prob(`"options": no shared option list "${f.options as string}" in _options.json`);
    }
    if (f.options === undefined) prob('a choice needs options: a list of { "value", "title" } or a shared list ("@platforms")');
    else if (rawOptions !== undefined) {
      if (!Array.isArray(rawOptions) || rawOptions.length === 0 || rawOptions.length > LIMITS.options) prob(`"options" must list 1 to ${LIMITS.options} options, or name a shared list ("@platforms")`);
      else {
        const values = new Set<string>();
        options = [];
        for (const o of rawOptions) {
          if (!isObj(o) || typeof o.value !== 'string' || !/^[a-z0-9][a-z0-9-]{0,39}$/.test(o.value) || typeof o.title !== 'string' || !o.title.trim()) {
            prob(`option ${JSON.stringify(o)} must be { "value": "lower-case-id", "title": "Shown text" }`);
            continue;
          }
          if (values.has(o.value)) prob(`option value "${o.value}" appears twice`);
          values.add(o.value);
          options.push({ value: o.value, title: o.title });
        }
      }
    }
  } else if (f.options !== undefined) prob('"options" applies only to choice and multichoice fields');
  if (f.multiple !== undefined && (type !== 'person' || typeof f.multiple !== 'boolean')) prob('"multiple" applies only to person fields and must be true or false');
  const counted = type === 'multichoice' || (type === 'person' && f.multiple === true);
  for (const k of ['minItems', 'maxItems'] as const) {
    if (f[k] === undefined) continue;
    if (!counted) prob(`"${k}" applies only to multichoice fields and person fields with "multiple": true`);
    else if (!Number.isInteger(f[k]) || (f[k] as number) < 1 || (f[k] as number) > 60) prob(`"${k}" must be a whole number from 1 to 60`);
  }
  if (typeof f.minItems === 'number' && typeof f.maxItems === 'number' && f.minItems > f.maxItems) prob('"minItems" is more than "maxItems"');
  if (typeof f.minItems === 'number' && f.required === false) prob('"minItems" needs "required": true');
  if (f.when !== undefined && (!['past', 'future', 'any'].includes(f.when as string) || (type !== 'date' && type !== 'datetime'))) prob('"when" applies only to date and datetime fields: "past", "future" or "any"');
  if (f.default !== undefined && options && !options.some((o) => o.value === f.default)) prob(`"default" ${JSON.stringify(f.default)} is not one of the options`);

  if (before.n) return undefined;
  return {
    id, type,
    label: (f.label as string).trim(),
    required: f.required as boolean,
    sensitive: f.sensitive === true,
    help: f.help as string | undefined,
    placeholder: f.placeholder as string | undefined,
    maxLength,
    options,
    minItems: f.minItems as number | undefined,
    maxItems: f.maxItems as number | undefined,
    multiple: f.multiple === true ? true : undefined,
    when: (type === 'date' || type === 'datetime') ? ((f.when as FieldDefinition['when']) ?? 'past') : undefined,
    default: f.default as string | undefined,
    essential: f.essential === false ? false : undefined,
  };
}

export class KindRegistry {
  private readonly byId: Map<string, KindDefinition>;
  constructor(kinds: KindDefinition[]) {
    this.byId = new Map(kinds.map((k) => [k.id, k]));
  }
  list(): KindDefinition[] {
    return [...this.byId.values()];
  }
  get(id: string): KindDefinition | undefined {
    return typeof id === 'string' ? this.byId.get(id) : undefined;
  }
}

function readJson(file: string, problems: string[]): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    problems.push(`${path.basename(file)}: cannot read it as JSON (${(err as Error).message})`);
    return undefined;
  }
}

/**
 * Loads and checks every `*.json` in `dir` (files starting with `_` are shared data). Throws
 * KindDefinitionError listing every problem in every file, so an admin fixes them in one go.
 */
export function loadKinds(dir: string = DEFAULT_KINDS_DIR): KindRegistry {
  const problems: string[] = [];
  let files: string[];
  try {
    files = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  } catch (err) {
    throw new KindDefinitionError([`cannot read the report kinds folder ${dir}: ${(err as Error).message}`]);
  }
  const optionSets: Record<string, FieldOption[]> = {};
  if (files.includes('_options.json')) {
    const raw = readJson(path.join(dir, '_options.json'), problems);
    if (isObj(raw)) for (const [k, v] of Object.entries(raw)) if (k !== '$comment') optionSets[k] = v as FieldOption[];
  }
  const kinds: KindDefinition[] = [];
  const prefixes = new Map<string, string>();
  for (const file of files.filter((f) => !f.startsWith('_'))) {
    const raw = readJson(path.join(dir, file), problems);
    if (raw === undefined) continue;
    const { kind, problems: found } = parseKind(raw, file, optionSets);
    problems.push(...found);
    if (!kind) continue;
    if (`${kind.id}.json` !== file) problems.push(`${file}: the file name must be the kind's id ("${kind.id}.json")`);
    const other = prefixes.get(kind.referencePrefix);
    if (other) problems.push(`${file}: referencePrefix "${kind.referencePrefix}" is already used by ${other}`);
    prefixes.set(kind.referencePrefix, file);
    kinds.push(kind);
  }
  if (!problems.length && kinds.length === 0) problems.push(`no report kinds in ${dir}`);
  if (problems.length) throw new KindDefinitionError(problems);
  return new KindRegistry(kinds);
}
