/**
 * A faster `Template.expand` for adaptivecards-templating 2.3.1, with the same output.
 *
 * The engine parses a template's expressions once, but expands by walking the parsed payload
 * with a state stack, and evaluates every `${name}` through adaptive-expressions: a path string
 * built, split with a regular expression and looked up property by property, with a memory
 * object and options allocated per expression. Most of a card's expressions are such plain
 * names. This walks the engine's own parsed payload (`_preparedPayload`) with the engine's exact
 * rules (`internalExpand`: `$data` arrays repeat an object, `$when` drops it, `null` results
 * leave arrays, `undefined` leaves objects) and reads a plain name (`${title}`,
 * `${values.assignTo}`, alone or inside a string) directly, as adaptive-expressions would:
 * keys matched case-insensitively, first key first, a missing value becoming `${path}`. Every
 * other expression (functions, operators, `$root`, indexes) is evaluated by the engine's own
 * evaluator. test/cards/compiledTemplate.test.ts compares both on every template and varied
 * data; scripts/cardSnapshot.ts compares whole reply cards across checkouts.
 *
 * The engine's internals read here (`_preparedPayload`, `internalTryEvaluateExpression`, the
 * context's `$_acTemplateVersion`) are those of the pinned version (package.json); `compile`
 * returns undefined if they are not there, and the caller then uses the engine.
 */
import type * as ACDataModule from 'adaptivecards-templating';
import type * as AELModule from 'adaptive-expressions';

type Template = InstanceType<typeof ACDataModule.Template>;
type Expression = AELModule.Expression;

/** What the engine's evaluator reads from its evaluation context. */
interface EvalContext { $root: unknown; $data: unknown; $index: unknown; $host: unknown; $_acTemplateVersion: unknown }
type Evaluate = (expression: Expression, context: EvalContext, allowSubstitutions: boolean) => { value: unknown; error?: unknown };

/** The expansion state the engine keeps in its EvaluationContext: `$data` unset means `$root`. */
interface State { root: unknown; data: unknown; index: unknown; version: unknown; evaluate: Evaluate }

type Node = (s: State) => unknown;

const RESERVED = new Set(['$data', '$when', '$root', '$index', '$host', '$_acTemplateVersion']);
/** Names whose parseInt is NaN, so adaptive-expressions never reads them as array indexes. */
const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function context(s: State): EvalContext {
  return { $root: s.root, $data: s.data !== undefined ? s.data : s.root, $index: s.index, $host: undefined, $_acTemplateVersion: s.version };
}

/** adaptive-expressions' `accessProperty`: the first key equal ignoring case. */
function property(scope: unknown, name: string, lower: string): unknown {
  if (!scope) return undefined;
  if (scope instanceof Map) {
    const v: unknown = scope.get(name);
    if (v !== undefined) return v;
    const k = Array.from((scope as Map<string, unknown>).keys()).find((key) => key.toLowerCase() === lower);
    return k !== undefined ? scope.get(k) : undefined;
  }
  const o = scope as Record<string, unknown>;
  for (const k of Object.keys(o)) if (k === name || (k.length === name.length && k.toLowerCase() === lower)) return o[k];
  return undefined;
}

/** A plain name path (`title`, `values.assignTo`) read as `Accessor.evaluator` with null substitution does. */
function plainPath(e: Expression, AEL: typeof AELModule): ((s: State) => unknown) | undefined {
  const names: string[] = [];
  let left: Expression | undefined = e;
  while (left) {
    if (left.type !== AEL.ExpressionType.Accessor) return undefined;
    const first = left.children[0];
    if (!(first instanceof AEL.Constant) || typeof first.value !== 'string' || !PLAIN_NAME.test(first.value)) return undefined;
    names.unshift(first.value);
    left = left.children.length === 2 ? left.children[1] : undefined;
  }
  const lowers = names.map((n) => n.toLowerCase());
  const substitute = `\${${names.join('.')}}`;
  return (s) => {
    let v: unknown = s.data !== undefined ? s.data : s.root;
    for (let i = 0; i < names.length; i++) v = property(v, names[i], lowers[i]);
    return v !== undefined ? v : substitute;
  };
}

/** An expression as `internalTryEvaluateExpression(…, allowSubstitutions = true)` then `internalExpand` use it. */
function expression(e: Expression, AEL: typeof AELModule): Node {
  const plain = plainPath(e, AEL);
  if (plain) return plain;
  if (e.type === AEL.ExpressionType.Concat) {
    const parts = e.children.map((c) => (c instanceof AEL.Constant && typeof c.value === 'string' ? c.value : plainPath(c, AEL)));
    if (parts.every((p) => p !== undefined)) {
      return (s) => {
        let out = '';
        // As the engine: each value's toString() (a null value throws there too).
        for (const p of parts) out += typeof p === 'string' ? p : (p as (s: State) => { toString(): string })(s).toString();
        return out;
      };
    }
  }
  return (s) => {
    const r = s.evaluate(e, context(s), true);
    if (r.error) throw new Error(r.error as string);
    return r.value;
  };
}

function compileNode(node: unknown, AEL: typeof AELModule): Node {
  if (Array.isArray(node)) {
    const items = node.map((n) => compileNode(n, AEL));
    return (s) => {
      const data = s.data;
      const index = s.index;
      let out: unknown[] = [];
      for (const item of items) {
        const v = item(s);
        if (v !== null) {
          if (Array.isArray(v)) out = out.concat(v);
          else out.push(v);
        }
      }
      s.data = data;
      s.index = index;
      return out;
    };
  }
  if (node instanceof AEL.Expression) return expression(node, AEL);
  if (typeof node !== 'object' || node === null) return () => node;
  const o = node as Record<string, unknown>;
  const when = o.$when;
  const dataContext = o.$data;
  const fields = Object.keys(o).filter((k) => !RESERVED.has(k)).map((k) => [k, compileNode(o[k], AEL)] as const);
  const dataNode = dataContext instanceof AEL.Expression ? expression(dataContext, AEL) : undefined;
  const single = (s: State): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [k, f] of fields) {
      const v = f(s);
      if (v !== undefined) out[k] = v;
    }
    return out;
  };
  return (s) => {
    const data = s.data;
    const index = s.index;
    let contexts: unknown[];
    let isArray = false;
    if (dataContext === undefined) contexts = [undefined];
    else {
      const value = dataNode ? dataNode(s) : dataContext;
      if (Array.isArray(value)) {
        contexts = value;
        isArray = true;
      } else contexts = [value];
    }
    const results: unknown[] = [];
    for (let i = 0; i < contexts.length; i++) {
      if (isArray) s.index = i;
      if (contexts[i] !== undefined) s.data = contexts[i];
      let drop = false;
      if (when instanceof AEL.Expression) {
        const r = s.evaluate(when, context(s), false);
        drop = !(!r.error && typeof r.value === 'boolean' && r.value);
      } else if (when) drop = true;
      if (!drop) results.push(single(s));
    }
    s.data = data;
    s.index = index;
    return results.length === 0 ? null : results.length === 1 ? results[0] : results;
  };
}

export type CompiledTemplate = (root: unknown) => unknown;

/** The template's expansion as a function of `$root`, or undefined if the engine's internals are not as expected. */
export function compile(template: Template, engine: typeof ACDataModule, AEL: typeof AELModule): CompiledTemplate | undefined {
  const internals = template as unknown as { _preparedPayload?: unknown; _context?: { $_acTemplateVersion?: unknown } };
  const evaluate = (engine.Template as unknown as { internalTryEvaluateExpression?: Evaluate }).internalTryEvaluateExpression;
  if (!('_preparedPayload' in internals) || typeof evaluate !== 'function') return undefined;
  // The parsed payload's expressions must be this adaptive-expressions' (one copy installed).
  if (!(engine.Template.parseInterpolatedString('${a}') instanceof AEL.Expression)) return undefined;
  const probe = new engine.Template({});
  probe.expand({ $root: {} });
  const version = (probe as unknown as { _context?: { $_acTemplateVersion?: unknown } })._context?.$_acTemplateVersion;
  if (!version) return undefined;
  const root = compileNode(internals._preparedPayload, AEL);
  const bound: Evaluate = evaluate.bind(engine.Template);
  return (data) => {
    // The engine's substitution hook, when set, changes what a missing value becomes.
    if (engine.GlobalSettings.getUndefinedFieldValueSubstitutionString) return template.expand({ $root: data });
    return root({ root: data, data: undefined, index: undefined, version, evaluate: bound });
  };
}
