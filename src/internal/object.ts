/** A JSON-like object: not `null`, not an array. */
export type PlainObject = Record<string, unknown>;

/** True for an object that is not `null` and not an array (options, claims, error bodies). */
export const isObject = (value: unknown): value is PlainObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `value` when it is such an object, else an empty one: read fields of unknown input safely. */
export const objectOr = (value: unknown): PlainObject => (isObject(value) ? value : {});
