/** Checks shared by the backends, so both reject the same bad input the same way. */
import { MAX_VALUE_JSON_CHARS, ValueTooLargeError } from './recordStore';

/** The value as JSON, or a clear error if it has no JSON form or is too large to store. */
export function toJson(value: unknown, where: string): string {
  const json = JSON.stringify(value) as string | undefined;
  if (json === undefined) throw new TypeError(`${where}: value must be JSON-serialisable (got ${typeof value})`);
  if (json.length > MAX_VALUE_JSON_CHARS) throw new ValueTooLargeError(json.length, where);
  return json;
}

/** A list/scan limit: undefined (no limit) or a whole number >= 0. */
export function checkLimit(limit: number | undefined): number | undefined {
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 0)) {
    throw new RangeError(`limit must be a whole number >= 0 (got ${limit})`);
  }
  return limit;
}
