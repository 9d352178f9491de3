/**
 * An outgoing activity's request body built in one pass over the activity, instead of the
 * Connector client's mapper walk. The generated client hands every reply to @azure/core-client's
 * serializer, which walks all ~50 properties of the `Activity` model (and of each nested account,
 * attachment and entity) whether set or not, building a path name, a regular-expression match and
 * an options object per property, then copies what is set into a new object for JSON.stringify:
 * 76 KB allocated for a 4 KB reply (issue 11), about a sixth of what a question turn allocated.
 *
 * `plainActivity` gives the same JSON value: it visits only the keys an activity has, passes values
 * the models type as `Object` (a card, channelData) through untouched, as the serializer does, and
 * drops keys the models do not have, as it does. Whatever it cannot prove it handles identically
 * (a date, a type the serializer would reject, a class instance, a non-enumerable property, a
 * model feature such as a renamed or read-only property) makes it answer `undefined`, and the
 * client's own serializer runs (and throws its own errors) as before.
 * `serialiseActivitiesOnce` applies it to a Connector client's calls whose body is an Activity.
 */
import * as Mappers from 'botframework-connector/lib/connectorApi/models/mappers';

interface Mapper {
  serializedName?: string;
  required?: boolean;
  nullable?: boolean;
  readOnly?: boolean;
  isConstant?: boolean;
  defaultValue?: unknown;
  constraints?: unknown;
  xmlName?: string;
  type: {
    name: string;
    className?: string;
    modelProperties?: Record<string, Mapper>;
    element?: Mapper;
    additionalProperties?: unknown;
    polymorphicDiscriminator?: unknown;
    uberParent?: string;
  };
}

/** How one property is written; `slow`: present, it is left to the SDK's serializer. */
type Plan = 'string' | 'number' | 'boolean' | 'object' | 'slow' | { model: Map<string, Plan> } | { sequence: Plan };

const models = Mappers as unknown as Record<string, Mapper>;
const compiled = new Map<string, Map<string, Plan>>();

function modelPlan(className: string): Map<string, Plan> | undefined {
  const known = compiled.get(className);
  if (known) return known;
  const mapper = models[className];
  const t = mapper?.type;
  if (!t || t.name !== 'Composite' || !t.modelProperties || t.additionalProperties || t.polymorphicDiscriminator || t.uberParent) return undefined;
  const plan = new Map<string, Plan>();
  compiled.set(className, plan); // before the properties: models refer to each other
  for (const [key, property] of Object.entries(t.modelProperties)) plan.set(key, propertyPlan(key, property));
  return plan;
}

function propertyPlan(key: string | undefined, m: Mapper): Plan {
  // Anything that makes the serializer rename, default, check or drop a value is left to it.
  if ((key !== undefined && m.serializedName !== key) || m.required || m.nullable !== undefined || m.readOnly || m.isConstant
    || m.defaultValue !== undefined || m.constraints || m.xmlName) return 'slow';
  switch (m.type.name) {
    case 'String': return 'string';
    case 'Number': return 'number';
    case 'Boolean': return 'boolean';
    case 'Object': return 'object';
    case 'Composite': {
      const model = m.type.className ? modelPlan(m.type.className) : undefined;
      return model ? { model } : 'slow';
    }
    case 'Sequence': {
      const element = m.type.element ? propertyPlan(undefined, m.type.element) : 'slow';
      return element === 'slow' ? 'slow' : { sequence: element };
    }
    default: return 'slow'; // dates (formatted by the serializer), dictionaries, enums, bytes
  }
}

const FAIL = Symbol('fail');

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** The value the serializer would produce for `v` under `plan`, `v` itself when unchanged, or FAIL. */
function plain(v: unknown, plan: Plan): unknown {
  if (v === undefined || v === null) return v;
  switch (plan) {
    case 'object': return v;
    case 'string': return typeof v === 'string' ? v : FAIL;
    case 'number': return typeof v === 'number' ? v : FAIL;
    case 'boolean': return typeof v === 'boolean' ? v : FAIL;
    case 'slow': return FAIL;
  }
  if ('sequence' in plan) {
    if (!Array.isArray(v) || !isPlainArray(v)) return FAIL;
    let out: unknown[] | undefined;
    for (let i = 0; i < v.length; i++) {
      const r = plain(v[i], plan.sequence);
      if (r === FAIL) return FAIL;
      if (r !== v[i]) (out ??= v.slice())[i] = r;
    }
    return out ?? v;
  }
  if (typeof v !== 'object' || Array.isArray(v) || !isPlainObject(v)) return FAIL;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  // The serializer reads a model's properties whether enumerable or not; JSON only enumerable ones.
  if (Object.getOwnPropertyNames(o).length !== keys.length) return FAIL;
  let copy = false;
  const values: unknown[] = new Array(keys.length);
  for (let i = 0; i < keys.length; i++) {
    const p = plan.model.get(keys[i]);
    if (p === undefined) { copy = true; continue; } // not in the model: the serializer drops it
    const r = plain(o[keys[i]], p);
    if (r === FAIL) return FAIL;
    values[i] = r;
    if (r !== o[keys[i]]) copy = true;
  }
  if (!copy) return o;
  const out: Record<string, unknown> = {};
  for (let i = 0; i < keys.length; i++) if (plan.model.has(keys[i]) && values[i] !== undefined) out[keys[i]] = values[i];
  return out;
}

/** An array with no holes and no extra keys (both would read differently from the serializer's walk). */
function isPlainArray(a: unknown[]): boolean {
  return Object.getPrototypeOf(a) === Array.prototype && Object.keys(a).length === a.length;
}

const activityPlan = modelPlan('Activity');

/**
 * The activity as the Connector client's serializer would give it to JSON.stringify (the same
 * object when nothing would be dropped), or `undefined` when that is not certain.
 */
export function plainActivity(activity: unknown): object | undefined {
  if (!activityPlan || activity === null || typeof activity !== 'object') return undefined;
  const r = plain(activity, { model: activityPlan });
  return r === FAIL ? undefined : (r as object);
}

interface RequestBody { parameterPath: unknown; mapper: Mapper }
interface OperationSpec { requestBody?: RequestBody }
type SendOperationRequest = (args: Record<string, unknown>, spec: OperationSpec, callback?: unknown) => Promise<unknown>;

/** Per operation: the same spec with the body typed `Object`, which the serializer passes to JSON.stringify as it is. */
const asIs = new WeakMap<OperationSpec, OperationSpec>();

function bodyAsIs(spec: OperationSpec, body: RequestBody): OperationSpec {
  let s = asIs.get(spec);
  if (!s) {
    s = { ...spec, requestBody: { ...body, mapper: { serializedName: body.mapper.serializedName, required: true, type: { name: 'Object' } } } };
    asIs.set(spec, s);
  }
  return s;
}

const WRAPPED = Symbol.for('trustline.activityBody');

/**
 * Makes a Connector client (botframework-connector's generated client: its operations call
 * `this.client.sendOperationRequest(arguments, spec)`) send Activity bodies through
 * `plainActivity`. Other operations, and activities it declines, go through unchanged. Returns
 * whether the client had the method to wrap.
 */
export function serialiseActivitiesOnce(client: unknown): boolean {
  const c = client as { sendOperationRequest?: SendOperationRequest; [WRAPPED]?: true } | null;
  if (!c || typeof c.sendOperationRequest !== 'function') return false;
  if (c[WRAPPED]) return true;
  const send = c.sendOperationRequest;
  c.sendOperationRequest = function sendOnce(this: unknown, args, spec, callback) {
    const body = spec?.requestBody;
    if (body && body.mapper?.type?.className === 'Activity' && typeof body.parameterPath === 'string' && args && body.parameterPath in args) {
      const activity = plainActivity(args[body.parameterPath]);
      if (activity) return send.call(this, { ...args, [body.parameterPath]: activity }, bodyAsIs(spec, body), callback);
    }
    return send.call(this, args, spec, callback);
  };
  c[WRAPPED] = true;
  return true;
}
