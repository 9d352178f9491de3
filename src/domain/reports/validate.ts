/**
 * Server-side validation of a report form. Card input is never trusted: every field is checked
 * for presence, length, options, dates (real, not in the future where that matters, within a
 * sane range) and URLs (http/https only). Errors are per field id, in words staff understand;
 * the raw input is kept as typed so the form can be shown again with nothing lost.
 */
import type { FieldDefinition, KindDefinition } from './kinds';
import type { FieldValue, ImmediateRisk } from './types';
import { asks, formFields, SchoolChoice, timeKey } from './fields';
import { fromLocal, isCalendarDate, isTimeOfDay, toLocal } from './time';

/** What the form sent, as strings by input id (datetime time parts under `${id}__time`). */
export type RawValues = Record<string, string>;

/** Most characters kept of any one raw input (so a draft stays bounded even past a field's limit). */
export const MAX_RAW_CHARS = 20_000;
/** Clock skew allowed for "not in the future". */
const SKEW_MS = 5 * 60_000;
/** How far back a date may be for 'past' fields, and forward for 'future'/'any'. */
const MAX_PAST_YEARS = 25;
const MAX_FUTURE_YEARS = 5;

export interface ValidationContext {
  now: Date;
  timeZone: string;
  schools: SchoolChoice[];
}

export interface ValidatedValues {
  schoolId: string;
  happenedAt: string;
  happenedAtTimeKnown: boolean;
  immediateRisk: ImmediateRisk;
  /** Undefined when left blank: an unanswered optional question is not a "No". */
  toldDsl?: boolean;
  evidenceHeld: boolean;
  concernsTriager: boolean;
  /** The kind's own fields (answered ones only). */
  fields: Record<string, FieldValue>;
}

export type ValidationResult = { ok: true; values: ValidatedValues } | { ok: false; errors: Record<string, string> };

/** Removes control characters (keeping line breaks and tabs) and normalises line endings. */
export function clean(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u2028\u2029]/g, '');
}

/**
 * Picks this form's inputs out of card data (which also carries verbs, ids and anything a
 * client adds): strings only, known ids only, each bounded.
 */
export function collectRaw(fields: FieldDefinition[], data: Record<string, unknown>): RawValues {
  const raw: RawValues = {};
  const take = (key: string) => {
    const v = data[key];
    if (typeof v === 'string') raw[key] = v.slice(0, MAX_RAW_CHARS);
    else if (typeof v === 'number' || typeof v === 'boolean') raw[key] = String(v);
  };
  for (const f of fields) {
    take(f.id);
    if (f.type === 'datetime') take(timeKey(f.id));
  }
  return raw;
}

/** Splits a list of names typed one per line or separated by commas or semicolons. */
export function splitNames(text: string): string[] {
  return text.split(/[\n,;]+/).map((s) => s.trim().replace(/\s+/g, ' ')).filter(Boolean);
}

const HAS_LETTER = /\p{L}/u;

/** Parses an http(s) URL, adding https:// to a bare "instagram.com/p/x"; undefined if not acceptable. */
const MAX_URL_CHARS = 2048;

export function parseUrl(text: string): string | undefined {
  let candidate = text.trim();
  if (candidate.length > MAX_URL_CHARS) return undefined; // before any parsing: URL() on 20,000 emoji takes seconds
  if (!/^[a-z][a-z0-9+.-]*:/i.test(candidate) && /^(www\.)?[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+(:\d+)?([/?#]|$)/u.test(candidate)) {
    candidate = `https://${candidate}`;
  }
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (!url.hostname || url.username || url.password || /\s/.test(candidate)) return undefined;
  return url.toString();
}

function yearsBetween(a: Date, b: Date): number {
  return (b.getTime() - a.getTime()) / (365.25 * 86_400_000);
}

interface FieldResult {
  value?: FieldValue;
  error?: string;
  /** datetime only: whether a time was given. */
  timeKnown?: boolean;
}

function checkField(f: FieldDefinition, raw: RawValues, ctx: ValidationContext): FieldResult {
  const text = clean(raw[f.id] ?? '').trim();
  const timeText = f.type === 'datetime' ? clean(raw[timeKey(f.id)] ?? '').trim() : '';
  if (!text) {
    if (f.type === 'datetime' && timeText) return { error: 'Choose the date as well as the time.' };
    return f.required ? { error: 'This is required.' } : {};
  }
  const max = f.maxLength ?? 0;
  switch (f.type) {
    case 'text': {
      const single = text.replace(/\s*\n\s*/g, ' ');
      return single.length > max ? { error: `Keep this to ${max} characters (it has ${single.length}).` } : { value: single };
    }
    case 'longtext':
      return text.length > max ? { error: `Keep this to ${max} characters (it has ${text.length}).` } : { value: text };
    case 'person': {
      const names = f.multiple ? splitNames(text) : [text.replace(/\s+/g, ' ')];
      const long = names.find((n) => n.length > max);
      if (long) return { error: `Each name must be at most ${max} characters.` };
      if (names.some((n) => !HAS_LETTER.test(n))) return { error: f.multiple ? 'Give each person\'s name.' : 'Give the person\'s name.' };
      if (!f.multiple) return { value: names[0] };
      const distinct = new Set(names.map((n) => n.toLowerCase()));
      if (distinct.size < names.length) return { error: 'Each person should be named once.' };
      if (f.minItems && names.length < f.minItems) return { error: `Name at least ${f.minItems} people (${names.length} given), one per line or separated by commas.` };
      if (f.maxItems && names.length > f.maxItems) return { error: `Name at most ${f.maxItems} people.` };
      return { value: names };
    }
    case 'choice': {
      const ok = f.options?.some((o) => o.value === text);
      return ok ? { value: text } : { error: 'Choose one of the options.' };
    }
    case 'multichoice': {
      const picked = text.split(',').map((s) => s.trim()).filter(Boolean);
      if (picked.some((v) => !f.options?.some((o) => o.value === v))) return { error: 'Choose from the options listed.' };
      const unique = [...new Set(picked)];
      if (f.minItems && unique.length < f.minItems) return { error: `Choose at least ${f.minItems}.` };
      if (f.maxItems && unique.length > f.maxItems) return { error: `Choose at most ${f.maxItems}.` };
      if (f.required && unique.length === 0) return { error: 'This is required.' };
      return { value: unique };
    }
    case 'boolean': {
      const t = text.toLowerCase();
      if (t === 'yes' || t === 'true') return { value: true };
      if (t === 'no' || t === 'false') return { value: false };
      return { error: 'Answer yes or no.' };
    }
    case 'url': {
      if (text.length > max) return { error: `Keep the link to ${max} characters.` };
      const url = parseUrl(text);
      return url ? { value: url } : { error: 'Give a web link starting with https:// (or http://).' };
    }
    case 'date':
    case 'datetime': {
      if (!isCalendarDate(text)) return { error: 'Give a real date (YYYY-MM-DD).' };
      if (timeText && !isTimeOfDay(timeText)) return { error: 'Give a time of day (HH:MM).' };
      const instant = fromLocal(text, timeText ? timeText.slice(0, 5) : '00:00', ctx.timeZone);
      const today = toLocal(ctx.now, ctx.timeZone).date;
      const when = f.when ?? 'past';
      if (when === 'past') {
        if (text > today || (timeText && instant.getTime() > ctx.now.getTime() + SKEW_MS)) return { error: 'This cannot be in the future.' };
        if (yearsBetween(instant, ctx.now) > MAX_PAST_YEARS) return { error: `That is more than ${MAX_PAST_YEARS} years ago: check the year.` };
      } else {
        if (when === 'future' && text < today) return { error: 'This must be today or later.' };
        if (yearsBetween(ctx.now, instant) > MAX_FUTURE_YEARS) return { error: 'That is too far ahead: check the year.' };
        if (yearsBetween(instant, ctx.now) > MAX_PAST_YEARS) return { error: 'That is too long ago: check the year.' };
      }
      if (f.type === 'date') return { value: text };
      return { value: instant.toISOString(), timeKnown: Boolean(timeText) };
    }
  }
}

/** Validates a form's raw input for a kind; all errors at once, keyed by field id. */
export function validateReport(kind: KindDefinition, raw: RawValues, ctx: ValidationContext): ValidationResult {
  const fields = formFields(kind, ctx.schools);
  const errors: Record<string, string> = {};
  const results: Record<string, FieldResult> = {};
  for (const f of fields) {
    const r = checkField(f, raw, ctx);
    results[f.id] = r;
    if (r.error) errors[f.id] = r.error;
  }
  const risk = results.immediateRisk?.value;
  if (asks(kind, 'immediateRisk') && (risk === 'yes' || risk === 'unsure') && results.toldDsl?.value === undefined && !errors.toldDsl) {
    errors.toldDsl = 'Someone may be at immediate risk: tell the DSL now (or call 999), then answer this.';
  }
  if (Object.keys(errors).length) return { ok: false, errors };

  const own: Record<string, FieldValue> = {};
  for (const f of kind.fields) {
    const v = results[f.id]?.value;
    if (v !== undefined) own[f.id] = v;
  }
  const happened = asks(kind, 'happenedAt') ? results.happenedAt : undefined;
  return {
    ok: true,
    values: {
      schoolId: results.school.value as string,
      happenedAt: (happened?.value as string | undefined) ?? ctx.now.toISOString(),
      happenedAtTimeKnown: happened ? Boolean(happened.timeKnown) : true,
      immediateRisk: asks(kind, 'immediateRisk') ? (risk as ImmediateRisk) : 'not-asked',
      toldDsl: typeof results.toldDsl?.value === 'boolean' ? results.toldDsl.value : undefined,
      evidenceHeld: results.evidenceHeld?.value === true,
      concernsTriager: results.concernsTriager?.value === true,
      fields: own,
    },
  };
}
