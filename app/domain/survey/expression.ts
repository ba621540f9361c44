/**
 * A small reader for SurveyJS expressions ("100 - sum({alloc_now.retail}, ...)"),
 * so the browser can keep a counter live without shipping survey-core. It
 * knows arithmetic, comparisons and a few aggregate functions; anything else
 * reads as `null` and the page keeps the value the server computed.
 * survey-core stays the authority: a unit test checks the two agree.
 */

export type Expr =
  | { type: "num"; value: number }
  | { type: "str"; value: string }
  | { type: "var"; name: string }
  | { type: "neg"; arg: Expr }
  | { type: "binary"; op: BinaryOp; left: Expr; right: Expr }
  | { type: "call"; name: string; args: Expr[] };

type BinaryOp = "+" | "-" | "*" | "/" | "%" | "=" | "!=" | "<" | "<=" | ">" | ">=";

type Token = { kind: "num"; value: number } | { kind: "str"; value: string } | { kind: "var"; name: string } | { kind: "id"; name: string } | { kind: "op"; op: string };

const OPERATORS = ["<=", ">=", "!=", "<>", "==", "+", "-", "*", "/", "%", "=", "<", ">", "(", ")", ","];

function tokenize(source: string): Token[] | null {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (/\s/.test(ch)) {
      i++;
    } else if (/[0-9.]/.test(ch)) {
      const match = /^\d*\.?\d+(?:e[+-]?\d+)?/i.exec(source.slice(i));
      if (!match) return null;
      tokens.push({ kind: "num", value: Number(match[0]) });
      i += match[0].length;
    } else if (ch === "{") {
      const end = source.indexOf("}", i);
      if (end < 0) return null;
      tokens.push({ kind: "var", name: source.slice(i + 1, end).trim() });
      i = end + 1;
    } else if (ch === "'" || ch === '"') {
      const end = source.indexOf(ch, i + 1);
      if (end < 0) return null;
      tokens.push({ kind: "str", value: source.slice(i + 1, end) });
      i = end + 1;
    } else if (/[A-Za-z_]/.test(ch)) {
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i))![0];
      tokens.push({ kind: "id", name });
      i += name.length;
    } else {
      const op = OPERATORS.find((candidate) => source.startsWith(candidate, i));
      if (!op) return null;
      tokens.push({ kind: "op", op: op === "==" ? "=" : op === "<>" ? "!=" : op });
      i += op.length;
    }
  }
  return tokens;
}

const PRECEDENCE: Record<string, number> = { "=": 1, "!=": 1, "<": 2, "<=": 2, ">": 2, ">=": 2, "+": 3, "-": 3, "*": 4, "/": 4, "%": 4 };

/** Parses an expression, or returns null for anything outside the subset above. */
export function parseExpression(source: string): Expr | null {
  const lexed = tokenize(source);
  if (!lexed) return null;
  const tokens: Token[] = lexed;
  let at = 0;
  const peekOp = () => {
    const token = tokens[at];
    return token?.kind === "op" ? token.op : undefined;
  };

  function primary(): Expr | null {
    const token = tokens[at++];
    if (!token) return null;
    if (token.kind === "num") return { type: "num", value: token.value };
    if (token.kind === "str") return { type: "str", value: token.value };
    if (token.kind === "var") return { type: "var", name: token.name };
    if (token.kind === "op" && token.op === "-") {
      const arg = primary();
      return arg && { type: "neg", arg };
    }
    if (token.kind === "op" && token.op === "(") {
      const inner = binary(0);
      if (!inner || peekOp() !== ")") return null;
      at++;
      return inner;
    }
    if (token.kind === "id" && peekOp() === "(") {
      at++;
      const args: Expr[] = [];
      if (peekOp() === ")") {
        at++;
        return { type: "call", name: token.name.toLowerCase(), args };
      }
      for (;;) {
        const arg = binary(0);
        if (!arg) return null;
        args.push(arg);
        const op = peekOp();
        at++;
        if (op === ")") return { type: "call", name: token.name.toLowerCase(), args };
        if (op !== ",") return null;
      }
    }
    return null;
  }

  /** Precedence climbing: left-associative operators, tighter ones bind first. */
  function binary(minPrecedence: number): Expr | null {
    let left = primary();
    while (left) {
      const op = peekOp();
      const precedence = op === undefined ? undefined : PRECEDENCE[op];
      if (precedence === undefined || precedence < minPrecedence) break;
      at++;
      const right = binary(precedence + 1);
      if (!right) return null;
      left = { type: "binary", op: op as BinaryOp, left, right };
    }
    return left;
  }

  const expr = binary(0);
  return expr && at === tokens.length ? expr : null;
}

type Value = number | string | boolean | null;

const numeric = (value: unknown): number | null => (typeof value === "number" && Number.isFinite(value) ? value : null);

/** SurveyJS's aggregates skip empty values. */
const AGGREGATES: Record<string, (values: number[]) => number | null> = {
  sum: (values) => values.reduce((a, b) => a + b, 0),
  min: (values) => (values.length ? Math.min(...values) : null),
  max: (values) => (values.length ? Math.max(...values) : null),
  avg: (values) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null),
};

/** Rounds away binary noise (0.1 + 0.2), as SurveyJS does for its results. */
const tidy = (value: number) => Math.round(value * 1e10) / 1e10;

/** Evaluates a parsed expression; `lookup` gives a variable's value. Unknown functions give null. */
export function evaluate(expr: Expr, lookup: (name: string) => unknown): Value {
  switch (expr.type) {
    case "num":
    case "str":
      return expr.value;
    case "var": {
      const value = lookup(expr.name);
      return typeof value === "number" || typeof value === "string" || typeof value === "boolean" ? value : null;
    }
    case "neg": {
      const value = numeric(evaluate(expr.arg, lookup));
      return value === null ? null : -value;
    }
    case "call": {
      const aggregate = AGGREGATES[expr.name];
      if (!aggregate) return null;
      const values = expr.args.map((arg) => numeric(evaluate(arg, lookup))).filter((v): v is number => v !== null);
      const result = aggregate(values);
      return result === null ? null : tidy(result);
    }
    case "binary": {
      const left = evaluate(expr.left, lookup);
      const right = evaluate(expr.right, lookup);
      if (expr.op === "=") return left === right;
      if (expr.op === "!=") return left !== right;
      // Arithmetic treats an empty value as 0, as SurveyJS does.
      const a = numeric(left) ?? (left === null ? 0 : null);
      const b = numeric(right) ?? (right === null ? 0 : null);
      if (a === null || b === null) return null;
      switch (expr.op) {
        case "+":
          return tidy(a + b);
        case "-":
          return tidy(a - b);
        case "*":
          return tidy(a * b);
        case "/":
          return b === 0 ? null : tidy(a / b);
        case "%":
          return b === 0 ? null : a % b;
        case "<":
          return a < b;
        case "<=":
          return a <= b;
        case ">":
          return a > b;
        case ">=":
          return a >= b;
      }
    }
  }
}

/** Every variable an expression reads, in order of appearance. */
export function variablesOf(expr: Expr): string[] {
  switch (expr.type) {
    case "var":
      return [expr.name];
    case "neg":
      return variablesOf(expr.arg);
    case "binary":
      return [...variablesOf(expr.left), ...variablesOf(expr.right)];
    case "call":
      return expr.args.flatMap(variablesOf);
    default:
      return [];
  }
}

/**
 * "N - sum({a}, {b}, ...)" is a counter of what is left to share out of N
 * (the 100-point allocations): it gets plain words instead of a bare number.
 */
export function remainingCounter(expr: Expr): { total: number; variables: string[] } | null {
  if (expr.type !== "binary" || expr.op !== "-" || expr.left.type !== "num") return null;
  const { right } = expr;
  if (right.type !== "call" || right.name !== "sum" || right.args.length === 0) return null;
  if (!right.args.every((arg) => arg.type === "var")) return null;
  return { total: expr.left.value, variables: variablesOf(right) };
}
