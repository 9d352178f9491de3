/**
 * Answers a report form can start with, read from the question that led to it ("a year 6 girl
 * sent me a follow request on insta": Year 6, Instagram, a pupil to staff). Only choice fields
 * the kind has, only values among its options; the person sees and can change them. Carried in
 * the report button's data and put on the new form, never stored beyond the draft.
 */
import type { KindDefinition } from './kinds';

const PLATFORM_WORDS: [RegExp, string][] = [
  [/\b(insta|instagram|ig)\b/, 'instagram'], [/\b(tiktok|tik tok)\b/, 'tiktok'], [/\b(snap|snapchat)\b/, 'snapchat'],
  [/\b(facebook|fb)\b/, 'facebook'], [/\b(whatsapp|whatsapped|whatsapping)\b/, 'whatsapp'], [/\b(twitter|x\.com)\b/, 'x'],
  [/\b(youtube)\b/, 'youtube'], [/\b(linkedin)\b/, 'linkedin'], [/\b(discord)\b/, 'discord'],
  [/\b(xbox|playstation|fortnite|roblox|minecraft)\b/, 'gaming'], [/\b(e-?mail(ed)?|gmail|hotmail|outlook)\b/, 'email'],
  [/\b(texted|text message|sms|phone number|mobile)\b/, 'text-phone'],
];

export function prefillFromQuestion(question: string, kind: KindDefinition): Record<string, string> {
  const q = question.toLowerCase().slice(0, 1000);
  const out: Record<string, string> = {};
  const set = (fieldId: string, value: string | undefined) => {
    const f = kind.fields.find((x) => x.id === fieldId && x.type === 'choice');
    if (value && f?.options?.some((o) => o.value === value)) out[fieldId] = value;
  };
  const year = /\b(?:year|yr|y)\s?(\d{1,2})\b/.exec(q);
  set('yearGroup', year ? `y${Number(year[1])}` : /\breception\b/.test(q) ? 'reception' : /\bnursery\b/.test(q) ? 'nursery' : undefined);
  set('platform', PLATFORM_WORDS.find(([re]) => re.test(q))?.[1]);
  const staffStarted = /\bi (sent|added|followed|requested|friended|messaged)\b/.test(q);
  const pupilStarted = /\b(sent|added|followed|requested|friended|messaged) me\b|\bme a (friend|follow)/.test(q);
  if (staffStarted !== pupilStarted) set('direction', staffStarted ? 'staff-to-pupil' : 'pupil-to-staff');
  return out;
}

/** A prefill from a button's data, kept to what the kind could have been given by prefillFromQuestion. */
export function acceptedPrefill(raw: unknown, kind: KindDefinition): Record<string, string> {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return {};
  const out: Record<string, string> = {};
  for (const id of ['yearGroup', 'platform', 'direction']) {
    const v = (raw as Record<string, unknown>)[id];
    const f = kind.fields.find((x) => x.id === id && x.type === 'choice');
    if (typeof v === 'string' && f?.options?.some((o) => o.value === v)) out[id] = v;
  }
  return out;
}
