/**
 * The shape of an inbound activity, checked once at the edge: every field the bot reads has the
 * type it expects and ids are strings of bounded length, so handlers never meet a number where
 * an id should be or a megabyte "id" (which would end up in keys and logs). A request that fails
 * gets a 400 naming the field; a known invoke whose value is malformed gets a 400 too.
 */

/** Longest id accepted (Teams ids are well under 200 characters; thread ids with ;messageid= too). */
export const MAX_ID = 512;
export const MAX_TEXT = 28_000; // Teams' own message limit is about 28 KB
const MAX_NAME = 256;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Invokes the bot handles, and what each needs in `value`. */
const INVOKE_VALUE: Record<string, (value: Obj) => string | undefined> = {
  'adaptiveCard/action': (v) => {
    if (!isObj(v.action)) return '"value.action" must be an object';
    if (typeof v.action.verb !== 'string' || v.action.verb.length > MAX_NAME) return '"value.action.verb" must be a string';
    if (v.action.data !== undefined && !isObj(v.action.data)) return '"value.action.data" must be an object';
    if (v.trigger !== undefined && typeof v.trigger !== 'string') return '"value.trigger" must be a string';
    return undefined;
  },
  'composeExtension/query': (v) => {
    if (typeof v.commandId !== 'string') return '"value.commandId" must be a string';
    if (v.parameters !== undefined && !Array.isArray(v.parameters)) return '"value.parameters" must be an array';
    if (Array.isArray(v.parameters) && v.parameters.some((p) => !isObj(p) || typeof p.name !== 'string')) return '"value.parameters" must be objects with a "name"';
    if (v.queryOptions !== undefined && !isObj(v.queryOptions)) return '"value.queryOptions" must be an object';
    return undefined;
  },
  'composeExtension/selectItem': () => undefined,
  'composeExtension/fetchTask': (v) => commandAndPayload(v),
  'composeExtension/submitAction': (v) => {
    const p = commandAndPayload(v);
    if (p) return p;
    if (v.data !== undefined && !isObj(v.data)) return '"value.data" must be an object';
    return undefined;
  },
  'task/fetch': (v) => (v.data !== undefined && !isObj(v.data) ? '"value.data" must be an object' : undefined),
  'task/submit': (v) => (v.data !== undefined && !isObj(v.data) ? '"value.data" must be an object' : undefined),
};

function commandAndPayload(v: Obj): string | undefined {
  if (typeof v.commandId !== 'string') return '"value.commandId" must be a string';
  const p = v.messagePayload;
  if (p === undefined) return undefined;
  if (!isObj(p)) return '"value.messagePayload" must be an object';
  if (p.body !== undefined && (!isObj(p.body) || (p.body.content !== undefined && typeof p.body.content !== 'string'))) return '"value.messagePayload.body.content" must be a string';
  if (p.from !== undefined && !isObj(p.from)) return '"value.messagePayload.from" must be an object';
  if (isObj(p.from) && p.from.user !== undefined && !isObj(p.from.user)) return '"value.messagePayload.from.user" must be an object';
  return undefined;
}

export function isKnownInvoke(name: string): boolean {
  return Object.hasOwn(INVOKE_VALUE, name);
}

function id(a: Obj, path: string, required: boolean): string | undefined {
  let v: unknown = a;
  for (const k of path.split('.')) v = isObj(v) ? v[k] : undefined;
  if (v === undefined || v === null) return required ? `The activity has no "${path}".` : undefined;
  if (typeof v !== 'string' || (required && v === '')) return `"${path}" must be a string.`;
  if (v.length > MAX_ID) return `"${path}" is longer than ${MAX_ID} characters.`;
  return undefined;
}

function optionalObject(a: Obj, path: string): string | undefined {
  let v: unknown = a;
  for (const k of path.split('.')) v = isObj(v) ? v[k] : undefined;
  return v === undefined || v === null || isObj(v) ? undefined : `"${path}" must be an object.`;
}

/** Why this body is not an activity the bot can handle, or undefined when it is. */
export function activityProblem(body: unknown): string | undefined {
  if (!isObj(body)) return 'The request body must be a Bot Framework activity (a JSON object).';
  const a = body;
  if (typeof a.type !== 'string' || !a.type) return 'The activity has no "type".';
  if (a.type.length > 64) return '"type" is too long.';
  if (typeof a.serviceUrl !== 'string' || a.serviceUrl.length > 2048 || !/^https?:\/\/[^\s]+$/.test(a.serviceUrl)) return 'The activity has no valid "serviceUrl".';
  for (const o of ['conversation', 'from', 'recipient', 'channelData', 'channelData.tenant', 'channelData.team', 'channelData.channel', 'channelData.settings']) {
    const p = optionalObject(a, o);
    if (p) return p;
  }
  if (!isObj(a.conversation)) return 'The activity has no "conversation.id".';
  if (!isObj(a.from)) return 'The activity has no "from.id".';
  const ids: [string, boolean][] = [
    // teams-ai keys turn state by channelId and recipient.id, and throws without them.
    ['conversation.id', true], ['from.id', true], ['channelId', true], ['recipient.id', true], ['id', false], ['replyToId', false], ['from.aadObjectId', false], ['conversation.tenantId', false], ['conversation.conversationType', false],
    ['channelData.tenant.id', false], ['channelData.team.id', false], ['channelData.channel.id', false],
    ['channelData.team.aadGroupId', false], ['channelData.eventType', false], ['locale', false], ['textFormat', false],
  ];
  for (const [path, required] of ids) {
    const p = id(a, path, required);
    if (p) return p;
  }
  for (const path of ['from.name', 'recipient.name', 'conversation.name', 'channelData.team.name', 'channelData.channel.name']) {
    let v: unknown = a;
    for (const k of path.split('.')) v = isObj(v) ? v[k] : undefined;
    if (v !== undefined && v !== null && (typeof v !== 'string' || v.length > MAX_TEXT)) return `"${path}" must be a string.`;
  }
  if (a.text !== undefined && a.text !== null && typeof a.text !== 'string') return '"text" must be a string.';
  if (typeof a.text === 'string' && a.text.length > MAX_TEXT) return `"text" is longer than ${MAX_TEXT} characters.`;
  for (const arr of ['entities', 'attachments', 'membersAdded', 'membersRemoved']) {
    const v = a[arr];
    if (v !== undefined && (!Array.isArray(v) || v.some((x) => !isObj(x)))) return `"${arr}" must be an array of objects.`;
  }
  for (const arr of ['membersAdded', 'membersRemoved']) {
    const v = a[arr];
    if (Array.isArray(v) && v.some((m) => typeof (m as Obj).id !== 'string' || ((m as Obj).id as string).length > MAX_ID)) return `"${arr}[].id" must be a string.`;
  }
  if (Array.isArray(a.entities)) {
    for (const e of a.entities as Obj[]) {
      if (typeof e.type !== 'string') return '"entities[].type" must be a string.';
      if (e.mentioned !== undefined && (!isObj(e.mentioned) || typeof e.mentioned.id !== 'string')) return '"entities[].mentioned.id" must be a string.';
      if (e.text !== undefined && typeof e.text !== 'string') return '"entities[].text" must be a string.';
    }
  }
  if (a.value !== undefined && a.value !== null && a.type === 'message' && !isObj(a.value)) return '"value" must be an object.';
  if (a.type === 'invoke') {
    if (typeof a.name !== 'string' || !a.name || a.name.length > MAX_NAME) return 'An invoke must have a "name" (a string).';
    const check = Object.hasOwn(INVOKE_VALUE, a.name) ? INVOKE_VALUE[a.name] : undefined;
    if (check) {
      if (!isObj(a.value)) return `"${a.name}" needs a "value" object.`;
      const p = check(a.value);
      if (p) return `Malformed "${a.name}": ${p}.`;
    }
  } else if (a.name !== undefined && a.name !== null && (typeof a.name !== 'string' || a.name.length > MAX_NAME)) {
    return '"name" must be a string.';
  }
  return undefined;
}
