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

// Token kinds; 1–3 double as the evaluation steps and 4 is "(".
const NOT = 1;
const AND = 2;
const OR = 3;
const OPEN = 4;
const CLOSE = 5;
const KINDS = new Map([
  ['not', NOT],
  ['!', NOT],
  ['and', AND],
  ['&&', AND],
  ['or', OR],
  ['||', OR],
  ['(', OPEN],
  [')', CLOSE],
]);
// Binding strength by kind: not > and > or > "(" (which only a ")" pops).
const RANK = [0, 3, 2, 1, 0];
const CACHE_LIMIT = 1000;
const cache = new Map<string, PermissionExpression | Auth0PermissionsError>();

function fail(source: string, at: number, message: string): never {
  throw new Auth0PermissionsError(
    'ERR_EXPRESSION_SYNTAX',
    `${message} (position ${at} in "${source}")`,
    {
      expression: source,
      position: at,
    },
  );
}

function anyMatch(pattern: string): (granted: ReadonlySet<string>) => boolean {
  const [first, ...rest] = pattern.split('*') as [string, ...string[]];
  const last = rest.pop()!;
  const matches = (name: string) => {
    let from = first.length;
    const end = name.length - last.length;
    if (end < from || !name.startsWith(first) || !name.endsWith(last)) return false;
    for (const piece of rest) {
      const at = name.indexOf(piece, from);
      if (at < 0 || at + piece.length > end) return false;
      from = at + piece.length;
    }
    return true;
  };
  return (granted) => {
    for (const name of granted) if (matches(name)) return true;
    return false;
  };
}

function compile(source: string): PermissionExpression {
  const steps: (string | number)[] = [];
  const stack: { kind: number; at: number }[] = [];
  const pattern = /\s*(?:(&&|\|\||[()!&|])|([^\s()!&|]+))/y;
  let expectOperand = true;
  let previous = '';
  let at = 0;
  for (let match = pattern.exec(source); match; match = pattern.exec(source)) {
    const text = (match[1] ?? match[2])!;
    at = match.index + match[0].length - text.length;
    if (text === '&' || text === '|')
      fail(source, at, `Use "${text + text}" or "${text === '&' ? 'and' : 'or'}", not "${text}"`);
    const kind = KINDS.get(text) ?? 0;
    if (expectOperand) {
      if (kind === 0) {
        steps.push(text);
        expectOperand = false;
      } else if (kind === NOT || kind === OPEN) stack.push({ kind, at });
      else
        fail(
          source,
          at,
          previous === '('
            ? 'Put a permission between "(" and ")"'
            : previous
              ? `Expected a permission after "${previous}"`
              : `The expression cannot start with "${text}"`,
        );
    } else if (kind === 0 || kind === NOT || kind === OPEN) {
      fail(source, at, `Use "and" or "or" between "${previous}" and "${text}"`);
    } else {
      for (
        let top = stack.at(-1);
        top && top.kind !== OPEN && RANK[top.kind]! >= RANK[kind % CLOSE]!;
        top = stack.at(-1)
      )
        steps.push(stack.pop()!.kind);
      if (kind !== CLOSE) {
        stack.push({ kind, at });
        expectOperand = true;
      } else if (stack.pop()?.kind !== OPEN) fail(source, at, 'Unmatched ")"');
    }
    previous = text;
  }
  if (!previous) fail(source, 0, 'The expression is empty: name a permission such as read:reports');
  if (expectOperand) fail(source, at, `Expected a permission after "${previous}"`);
  for (let top = stack.pop(); top; top = stack.pop()) {
    if (top.kind === OPEN) fail(source, top.at, 'Missing ")" for this "("');
    steps.push(top.kind);
  }
  const permissions = [...new Set(steps.filter((step) => typeof step === 'string'))];
  const wildcards = new Map(
    permissions.filter((p) => p.includes('*')).map((p) => [p, anyMatch(p)]),
  );
  const values: boolean[] = [];
  return {
    source,
    permissions,
    test(granted) {
      let top = -1;
      for (const step of steps) {
        if (typeof step === 'string')
          values[++top] = wildcards.get(step)?.(granted) ?? granted.has(step);
        else if (step === NOT) values[top] = !values[top];
        else {
          const right = values[top--];
          values[top] = step === AND ? values[top]! && right! : values[top]! || right!;
        }
      }
      return values[0]!;
    },
  };
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
    } catch (error) {
      parsed = error as Auth0PermissionsError;
    }
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(expression, parsed);
  }
  if (parsed instanceof Error) throw parsed;
  return parsed;
}
