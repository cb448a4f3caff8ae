// Types only: the expression grammar (expression.ts) read by the compiler, so that a literal
// `check('delete:report')` on an instance typed with its API's permissions fails to compile.
// Nothing here reaches the bundles.

type Space = ' ' | '\t' | '\n' | '\r' | '\f' | '\v';
/** What ends a permission name (the grammar's "run of non-space characters other than"). */
type Stop = Space | '(' | ')' | '!' | '&' | '|';

/** `reports:*` → `reports:${string}`: a template literal type that matches what the wildcard does. */
type Glob<Pattern extends string> = Pattern extends `${infer Head}*${infer Tail}`
  ? `${Head}${string}${Glob<Tail>}`
  : Pattern;

/** The error the compiler shows instead of the expression: says what is wrong, and where. */
type Refused<
  Why extends string,
  Expression extends string,
> = `auth0-permissions: ${Why} in "${Expression}"`;

/** What every step reads: the permissions `P` and the whole expression, for the messages. */
interface Context {
  permissions: string;
  source: string;
}

/** Why `Name` is not one of `P` (nor a wildcard matching one of them), or `true`. */
type Known<Name extends string, P extends string> = Name extends `${string}*${string}`
  ? [Extract<P, Glob<Name>>] extends [never]
    ? `"${Name}" matches no permission of this API`
    : true
  : [Name] extends [P]
    ? true
    : `"${Name}" is not a permission of this API`;

/**
 * One word ended: a keyword or a permission. `Expect` is true where an operand must come
 * (start, after an operator or "("), as in expression.ts's `expectOperand`.
 */
type Word<W extends string, Expect extends boolean, X extends Context> = W extends 'not'
  ? Expect extends true
    ? [true]
    : Refused<`use "and" or "or" before "not"`, X['source']>
  : W extends 'and' | 'or'
    ? Expect extends true
      ? Refused<`expected a permission before "${W}"`, X['source']>
      : [true]
    : Expect extends false
      ? Refused<`use "and" or "or" before "${W}"`, X['source']>
      : Known<W, X['permissions']> extends `${infer Why}`
        ? Refused<Why, X['source']>
        : [false];

/** The current word `W` (if any) ended where `S` starts: then the operator or space there. */
type AfterWord<
  S extends string,
  Expect extends boolean,
  Depth extends unknown[],
  W extends string,
  X extends Context,
> = W extends ''
  ? Operator<S, Expect, Depth, X>
  : Word<W, Expect, X> extends [infer Next extends boolean]
    ? Operator<S, Next, Depth, X>
    : Word<W, Expect, X>;

/** At an operator, a parenthesis, a space, or the end. */
type Operator<
  S extends string,
  Expect extends boolean,
  Depth extends unknown[],
  X extends Context,
> = S extends ''
  ? Expect extends true
    ? Refused<'expected a permission at the end', X['source']>
    : Depth extends []
      ? true
      : Refused<'missing ")"', X['source']>
  : S extends `${infer C}${infer Rest}`
    ? C extends Space
      ? Scan<Rest, Expect, Depth, X>
      : C extends '(' | '!'
        ? Expect extends true
          ? Scan<Rest, true, C extends '(' ? [...Depth, C] : Depth, X>
          : Refused<`use "and" or "or" before "${C}"`, X['source']>
        : C extends ')'
          ? Expect extends true
            ? Refused<'expected a permission before ")"', X['source']>
            : Depth extends [unknown, ...infer Outer]
              ? Scan<Rest, false, Outer, X>
              : Refused<'unmatched ")"', X['source']>
          : Rest extends `${C}${infer After}`
            ? Expect extends true
              ? Refused<`expected a permission before "${C}${C}"`, X['source']>
              : Scan<After, true, Depth, X>
            : Refused<
                `use "${C}${C}" or "${C extends '&' ? 'and' : 'or'}", not "${C}"`,
                X['source']
              >
    : never;

/** Reads `S` one character at a time, gathering the current word in `W`, up to a stop. */
type Characters<
  S extends string,
  Expect extends boolean,
  Depth extends unknown[],
  W extends string,
  X extends Context,
> = S extends `${infer C}${infer Rest}`
  ? C extends Stop
    ? AfterWord<S, Expect, Depth, W, X>
    : Characters<Rest, Expect, Depth, `${W}${C}`, X>
  : AfterWord<'', Expect, Depth, W, X>;

/**
 * Reads `S` from a boundary. A run up to the next space that holds no operator (the common
 * case: `read:reports`, `and`) is one word in one step; anything else is read by characters.
 */
type Scan<
  S extends string,
  Expect extends boolean,
  Depth extends unknown[],
  X extends Context,
> = S extends `${infer Run} ${infer Rest}`
  ? Run extends ''
    ? Scan<Rest, Expect, Depth, X>
    : Run extends `${string}${Stop}${string}`
      ? Characters<S, Expect, Depth, '', X>
      : AfterWord<` ${Rest}`, Expect, Depth, Run, X>
  : S extends `${string}${Stop}${string}`
    ? Characters<S, Expect, Depth, '', X>
    : AfterWord<'', Expect, Depth, S, X>;

/**
 * `Expression` itself when it is a valid expression over the permissions `P` (or when either is
 * a plain `string`, which nothing can be known about), else a message saying what is wrong:
 * the compiler then reports the literal as not assignable to that message.
 *
 * @example
 * type Permission = 'read:reports' | 'delete:reports';
 * type Ok = CheckedExpression<'read:reports and not delete:*', Permission>; // the literal
 * type Typo = CheckedExpression<'delete:report', Permission>;
 * // 'auth0-permissions: "delete:report" is not a permission of this API in "delete:report"'
 */
export type CheckedExpression<Expression extends string, P extends string> = string extends P
  ? Expression
  : string extends Expression
    ? Expression
    : Expression extends ''
      ? Refused<'the expression is empty', Expression>
      : Scan<Expression, true, [], { permissions: P; source: Expression }> extends `${infer Why}`
        ? Why
        : Expression;
