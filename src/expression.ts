import { Auth0PermissionsError } from './errors.js';

/** A parsed permission expression, evaluated without `eval`. Parse once, test many times. */
export interface PermissionExpression {
  /** The text it was parsed from. */
  readonly source: string;
  /** Every permission (or wildcard pattern) the expression mentions, in order, once each. */
  readonly permissions: readonly string[];
  /** True when the granted permissions satisfy the expression. */
  test(granted: ReadonlySet<string>): boolean;
}

// Operator kinds; NOT < AND < OR < OPEN doubles as binding order, tightest first. A permission
// is kind 0.
const NOT = 1;
const AND = 2;
const OPEN = 4;
const CLOSE = 5;
// The words and their symbols, five apart: the kind of `OPERATORS[i]` is `i % 5 + 1`.
const OPERATORS = ['not', 'and', 'or', '(', ')', '!', '&&', '||'];
const kindOf = (text: string) => (OPERATORS.indexOf(text) % 5) + 1;

// Parsed expressions, bounded by count and by the total length of their texts.
const MAX_CACHED = 1000;
const MAX_CACHED_LENGTH = 1e6;
const cache = new Map<string, PermissionExpression | Auth0PermissionsError>();
let cachedLength = 0;
let onParsed: ((parsed: PermissionExpression) => void) | undefined;

function fail(source: string, position: number, message: string): never {
  throw new Auth0PermissionsError(
    'ERR_EXPRESSION_SYNTAX',
    `${message} (position ${position} in "${source}")`,
    { expression: source, position },
  );
}

/** `reports:*`: true when some granted name matches, `*` standing for any run of characters. */
export function anyMatch(pattern: string): (granted: ReadonlySet<string>) => boolean {
  const pieces = pattern.split('*');
  const first = pieces.shift()!;
  const last = pieces.pop()!;
  return (granted) => {
    next: for (const name of granted) {
      let from = first.length;
      const end = name.length - last.length;
      if (end < from || !name.startsWith(first) || !name.endsWith(last)) continue;
      for (const piece of pieces) {
        from = name.indexOf(piece, from) + piece.length;
        if (from < piece.length || from > end) continue next;
      }
      return true;
    }
    return false;
  };
}

type Step = string | number | ((granted: ReadonlySet<string>) => boolean);

/** Runs the reverse Polish steps on a stack of booleans: no recursion, however deep. */
function evaluator(steps: readonly Step[]): (granted: ReadonlySet<string>) => boolean {
  const values: boolean[] = [];
  return (granted) => {
    let top = -1;
    for (const step of steps) {
      if (typeof step === 'string') values[++top] = granted.has(step);
      else if (typeof step === 'function') values[++top] = step(granted);
      else if (step === NOT) values[top] = !values[top];
      else {
        const right = values[top--];
        values[top] = step === AND ? values[top]! && right! : values[top]! || right!;
      }
    }
    return values[0]!;
  };
}

function compile(source: string): PermissionExpression {
  // Reverse Polish: operands (names or wildcard tests) and operator kinds.
  const steps: Step[] = [];
  const names = new Set<string>();
  const stack: number[] = [];
  const opens: number[] = [];
  const pattern = /\s*(?:(&&|\|\||[()!&|])|([^\s()!&|]+))/y;
  let expectOperand = true;
  let previous = '';
  let at = 0;
  for (let match = pattern.exec(source); match; match = pattern.exec(source)) {
    const text = (match[1] ?? match[2])!;
    at = match.index + match[0].length - text.length;
    if (text === '&' || text === '|')
      fail(source, at, `Use "${text + text}" or "${text === '&' ? 'and' : 'or'}", not "${text}"`);
    const kind = kindOf(text);
    if (expectOperand) {
      if (!kind) {
        names.add(text);
        steps.push(text.includes('*') ? anyMatch(text) : text);
        expectOperand = false;
      } else if (kind === NOT || kind === OPEN) {
        stack.push(kind);
        if (kind === OPEN) opens.push(at);
      } else
        fail(
          source,
          at,
          previous === '('
            ? 'Put a permission between "(" and ")"'
            : previous
              ? `Expected a permission after "${previous}"`
              : `The expression cannot start with "${text}"`,
        );
    } else if (!kind || kind === NOT || kind === OPEN) {
      fail(source, at, `Use "and" or "or" between "${previous}" and "${text}"`);
    } else {
      while (stack.at(-1)! < OPEN && stack.at(-1)! <= kind) steps.push(stack.pop()!);
      if (kind < CLOSE) {
        stack.push(kind);
        expectOperand = true;
      } else if (stack.pop() !== OPEN) fail(source, at, 'Unmatched ")"');
      else opens.pop();
    }
    previous = text;
  }
  if (!previous) fail(source, 0, 'The expression is empty: name a permission such as read:reports');
  if (expectOperand) fail(source, at, `Expected a permission after "${previous}"`);
  if (opens.length) fail(source, opens.pop()!, 'Missing ")" for this "("');
  // One by one: a spread of 100,000 pending operators would overflow the call stack.
  while (stack.length) steps.push(stack.pop()!);
  return { source, permissions: [...names], test: evaluator(steps) };
}

/**
 * Parses a permission expression (`read:reports and not archived`, `reports:* || admin`).
 * Results are cached, so repeating an expression costs a map lookup.
 *
 * @throws {Auth0PermissionsError} `ERR_EXPRESSION_SYNTAX`, with `position`.
 * @example
 * const canEdit = parsePermissionExpression('read:reports and (create:reports or admin)');
 * canEdit.test(new Set(['read:reports', 'admin'])); // true
 */
export function parsePermissionExpression(expression: string): PermissionExpression {
  let parsed = cache.get(expression);
  if (!parsed) {
    try {
      parsed = compile(String(expression));
      onParsed?.(parsed);
    } catch (error) {
      parsed = error as Auth0PermissionsError;
    }
    cachedLength += String(expression).length;
    if (cache.size >= MAX_CACHED || cachedLength > MAX_CACHED_LENGTH) {
      cache.clear();
      cachedLength = String(expression).length;
    }
    cache.set(expression, parsed);
  }
  if (parsed instanceof Error) throw parsed;
  return parsed;
}

/**
 * @internal For the development warning (internal/known-permissions.ts), loaded lazily: calls
 * `listener` with each expression parsed from now on, once (until the cache is emptied), and
 * returns those parsed so far. The listener must not throw.
 */
export function watchParsed(
  listener: (parsed: PermissionExpression) => void,
): Iterable<PermissionExpression | Auth0PermissionsError> {
  onParsed = listener;
  return cache.values();
}
