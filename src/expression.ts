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

type Op = 'not' | 'and' | 'or' | '(';
type Step = string | 0 | 1 | 2; // a permission, or not (0) / and (1) / or (2)
interface Token {
  type: 'perm' | Op | ')';
  text: string;
  at: number;
}

const KEYWORDS = new Map<string, Op>([
  ['not', 'not'],
  ['!', 'not'],
  ['and', 'and'],
  ['&&', 'and'],
  ['or', 'or'],
  ['||', 'or'],
]);
const PRECEDENCE = { not: 3, and: 2, or: 1, '(': 0 };
const STEP = { not: 0, and: 1, or: 2 } as const;
const CACHE_LIMIT = 1000;
const cache = new Map<string, PermissionExpression | Auth0PermissionsError>();

function fail(source: string, at: number, message: string): never {
  throw new Auth0PermissionsError(
    'ERR_EXPRESSION_SYNTAX',
    `${message} (position ${at} in "${source}")`,
    { expression: source, position: at },
  );
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s+|&&|\|\||[()!]|[&|]|[^\s()!&|]+/gy;
  for (let match = pattern.exec(source); match; match = pattern.exec(source)) {
    const text = match[0];
    const at = match.index;
    if (/^\s/.test(text)) continue;
    if (text === '&' || text === '|')
      fail(
        source,
        at,
        `A single "${text}" is not an operator: use "${text}${text}" or "${text === '&' ? 'and' : 'or'}"`,
      );
    const type = text === '(' || text === ')' ? text : (KEYWORDS.get(text) ?? 'perm');
    tokens.push({ type, text, at });
  }
  return tokens;
}

function wildcardMatcher(pattern: string): (granted: ReadonlySet<string>) => boolean {
  const pieces = pattern.split('*');
  const matches = (name: string) => {
    const first = pieces[0]!;
    const last = pieces[pieces.length - 1]!;
    if (name.length < first.length + last.length) return false;
    if (!name.startsWith(first) || !name.endsWith(last)) return false;
    let from = first.length;
    const end = name.length - last.length;
    for (let i = 1; i < pieces.length - 1; i++) {
      const at = name.indexOf(pieces[i]!, from);
      if (at < 0 || at + pieces[i]!.length > end) return false;
      from = at + pieces[i]!.length;
    }
    return true;
  };
  return (granted) => {
    for (const name of granted) if (matches(name)) return true;
    return false;
  };
}

function compile(source: string): PermissionExpression {
  const tokens = tokenize(source);
  if (tokens.length === 0)
    fail(source, 0, 'The expression is empty: name a permission such as read:reports');
  const output: Step[] = [];
  const stack: Token[] = [];
  let expectOperand = true;
  let previous: Token | undefined;
  const popOperator = () => output.push(STEP[stack.pop()!.type as 'not' | 'and' | 'or']);
  for (const token of tokens) {
    if (expectOperand) {
      if (token.type === 'perm') {
        output.push(token.text);
        expectOperand = false;
      } else if (token.type === 'not' || token.type === '(') {
        stack.push(token);
      } else if (token.type === ')' && previous?.type === '(') {
        fail(source, token.at, 'Empty parentheses: put a permission between "(" and ")"');
      } else {
        fail(
          source,
          token.at,
          previous
            ? `Expected a permission after "${previous.text}", found "${token.text}"`
            : `The expression cannot start with "${token.text}"`,
        );
      }
    } else if (token.type === 'perm' || token.type === 'not' || token.type === '(') {
      fail(source, token.at, `Use "and" or "or" between "${previous!.text}" and "${token.text}"`);
    } else if (token.type === ')') {
      while (stack.length && stack[stack.length - 1]!.type !== '(') popOperator();
      if (!stack.pop()) fail(source, token.at, 'Unmatched ")"');
    } else {
      const rank = PRECEDENCE[token.type];
      while (stack.length && PRECEDENCE[stack[stack.length - 1]!.type as Op] >= rank) popOperator();
      stack.push(token);
      expectOperand = true;
    }
    previous = token;
  }
  if (expectOperand) fail(source, previous!.at, `Expected a permission after "${previous!.text}"`);
  while (stack.length) {
    const top = stack[stack.length - 1]!;
    if (top.type === '(') fail(source, top.at, 'Missing ")" for this "("');
    popOperator();
  }
  const permissions = [...new Set(output.filter((s): s is string => typeof s === 'string'))];
  const wildcards = new Map(
    permissions.filter((p) => p.includes('*')).map((p) => [p, wildcardMatcher(p)] as const),
  );
  const values: boolean[] = [];
  return {
    source,
    permissions,
    test(granted) {
      let top = -1;
      for (const step of output) {
        if (typeof step === 'string') {
          const wildcard = wildcards.get(step);
          values[++top] = wildcard ? wildcard(granted) : granted.has(step);
        } else if (step === 0) {
          values[top] = !values[top];
        } else {
          const right = values[top--]!;
          values[top] = step === 1 ? values[top]! && right : values[top]! || right;
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
