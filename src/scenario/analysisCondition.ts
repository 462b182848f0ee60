/**
 * analysisCondition: the small, safe language of an analysis metric's `successCondition` and
 * `failureCondition` (docs/model.md#metric-analysis), in the spirit of Argo Rollouts' conditions
 * but never evaluated as code: the text is parsed once, at load time, into a tree that only
 * compares the metric's reading `result` with numbers.
 *
 *   condition  := or
 *   or         := and (("or" | "||") and)*
 *   and        := unary (("and" | "&&") unary)*
 *   unary      := ("not" | "!") unary | "(" or ")" | comparison
 *   comparison := operand op operand         op: < <= > >= == !=
 *   operand    := "result" | number ["%"]    (25% reads 0.25, 1e9 reads 1000000000)
 *
 * `and` binds tighter than `or`. A comparison must name `result` on one side (comparing two
 * numbers is a typo, refused). Contract: `parseCondition` throws `ConditionError` with the
 * column and what it expected; `evaluateCondition` is total (a NaN reading compares false).
 */

type Comparison = "<" | "<=" | ">" | ">=" | "==" | "!=";

type Operand = { readonly result: true } | { readonly value: number };

export type Condition =
  | { readonly op: "and" | "or"; readonly left: Condition; readonly right: Condition }
  | { readonly op: "not"; readonly inner: Condition }
  | { readonly op: Comparison; readonly left: Operand; readonly right: Operand };

export class ConditionError extends Error {}

const TOKEN =
  /\s*(?:(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?%?|\.\d+(?:[eE][+-]?\d+)?%?)|(<=|>=|==|!=|&&|\|\||[<>!()=])|([A-Za-z_]+))/y;

interface Token {
  readonly text: string;
  readonly kind: "number" | "symbol" | "word" | "end";
  readonly column: number;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(TOKEN.lastIndex))) break;
    const start = TOKEN.lastIndex;
    const match = TOKEN.exec(text);
    if (match === null) {
      const column = start + (text.slice(start).length - text.slice(start).trimStart().length) + 1;
      throw new ConditionError(
        `expected \`result\`, a number, a comparison, and/or/not or parentheses at column ${column}; found ${JSON.stringify(text[column - 1])}`,
      );
    }
    const column = match.index + match[0].length - (match[1] ?? match[2] ?? match[3])!.length + 1;
    if (match[1] !== undefined) tokens.push({ text: match[1], kind: "number", column });
    else if (match[2] !== undefined) tokens.push({ text: match[2], kind: "symbol", column });
    else tokens.push({ text: match[3]!.toLowerCase(), kind: "word", column });
  }
  tokens.push({ text: "end of condition", kind: "end", column: text.length + 1 });
  return tokens;
}

const COMPARISONS: readonly string[] = ["<", "<=", ">", ">=", "==", "!="];

class Parser {
  private at = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): Condition {
    const condition = this.or();
    const next = this.peek();
    if (next.kind !== "end") this.fail("`and`, `or` or the end", next);
    return condition;
  }

  private peek(): Token {
    return this.tokens[this.at]!;
  }

  private take(): Token {
    return this.tokens[this.at++]!;
  }

  private fail(expected: string, found: Token): never {
    const what = found.kind === "end" ? found.text : JSON.stringify(found.text);
    throw new ConditionError(`expected ${expected} at column ${found.column}; found ${what}`);
  }

  private or(): Condition {
    return this.joined("or", ["or", "||"], () => this.and());
  }

  private and(): Condition {
    return this.joined("and", ["and", "&&"], () => this.unary());
  }

  /** `operand (word operand)*`, folded to the left. */
  private joined(op: "and" | "or", words: readonly string[], operand: () => Condition): Condition {
    let left = operand();
    while (words.includes(this.peek().text)) {
      this.take();
      left = { op, left, right: operand() };
    }
    return left;
  }

  private unary(): Condition {
    const next = this.peek();
    if (next.text === "not" || next.text === "!") {
      this.take();
      return { op: "not", inner: this.unary() };
    }
    if (next.text === "(") {
      this.take();
      const inner = this.or();
      if (this.peek().text !== ")") this.fail('")"', this.peek());
      this.take();
      return inner;
    }
    const left = this.operand();
    const op = this.take();
    if (!COMPARISONS.includes(op.text)) this.fail("a comparison (< <= > >= == !=)", op);
    const right = this.operand();
    if (!("result" in left) && !("result" in right))
      this.fail("`result` on one side of the comparison", this.tokens[this.at - 1]!);
    return { op: op.text as Comparison, left, right };
  }

  private operand(): Operand {
    const token = this.take();
    if (token.kind === "word" && token.text === "result") return { result: true };
    if (token.kind === "number") {
      const percent = token.text.endsWith("%");
      const value = Number(percent ? token.text.slice(0, -1) : token.text);
      return { value: percent ? value / 100 : value };
    }
    return this.fail("`result` or a number", token);
  }
}

/** Parses a condition; throws `ConditionError` naming the column at fault. */
export function parseCondition(text: string): Condition {
  return new Parser(tokenize(text)).parse();
}

const value = (operand: Operand, result: number) => ("result" in operand ? result : operand.value);

/** Whether the condition holds for the reading `result`. */
export function evaluateCondition(condition: Condition, result: number): boolean {
  switch (condition.op) {
    case "and":
      return evaluateCondition(condition.left, result) && evaluateCondition(condition.right, result);
    case "or":
      return evaluateCondition(condition.left, result) || evaluateCondition(condition.right, result);
    case "not":
      return !evaluateCondition(condition.inner, result);
    default: {
      const a = value(condition.left, result);
      const b = value(condition.right, result);
      switch (condition.op) {
        case "<":
          return a < b;
        case "<=":
          return a <= b;
        case ">":
          return a > b;
        case ">=":
          return a >= b;
        case "==":
          return a === b;
        case "!=":
          return a !== b;
      }
    }
  }
}
