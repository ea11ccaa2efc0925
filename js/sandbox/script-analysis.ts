import { parse, type Node, type Pattern, type Program, type VariableDeclaration } from "acorn";

/** A `var` statement (or loop head) of a script's top level, which may be turned into assignments. */
export interface VarStatement {
  names: string[];
  node: VariableDeclaration;
  /**
   * Where it stands: a statement of its own, a `for (var i = 0; ...)` initialiser or a
   * `for (var x in/of ...)` head (where the declaration becomes a bare target).
   */
  place: VarPlace;
}

/** What a classic script declares at its top level, as the next script would see it. */
export interface ScriptDeclarations {
  /** `var` statements outside any function, in blocks and loop heads too (they are hoisted). */
  vars: VarStatement[];
  /** Function declarations directly at the top level. */
  functions: string[];
  /** Top-level `let`, `const` and `class` names; `constant` ones cannot be assigned. */
  lexical: { name: string; constant: boolean }[];
  /** Where the directive prologue ends: generated statements go here, after any "use strict". */
  bodyStart: number;
  strict: boolean;
}

export type VarPlace = "statement" | "loopInit" | "loopHead";

type AnyNode = Node & Record<string, unknown>;

/** Parses a classic script (throws the parser's SyntaxError) and lists its top-level declarations. */
export function analyseScript(code: string): ScriptDeclarations {
  const program = parse(code, { ecmaVersion: "latest", sourceType: "script" });
  return declarationsOf(program);
}

function declarationsOf(program: Program): ScriptDeclarations {
  const found: ScriptDeclarations = { vars: [], functions: [], lexical: [], bodyStart: 0, strict: false };
  let prologue = true;
  for (const statement of program.body as AnyNode[]) {
    if (prologue && statement.type === "ExpressionStatement" && typeof statement.directive === "string") {
      found.strict ||= statement.directive === "use strict";
      found.bodyStart = statement.end;
      continue;
    }
    prologue = false;
    if (statement.type === "FunctionDeclaration") {
      found.functions.push((statement.id as { name: string }).name);
    } else if (statement.type === "ClassDeclaration") {
      found.lexical.push({ name: (statement.id as { name: string }).name, constant: false });
    } else if (statement.type === "VariableDeclaration" && statement.kind !== "var") {
      const constant = statement.kind === "const";
      for (const name of declaredNames(statement as unknown as VariableDeclaration)) {
        found.lexical.push({ name, constant });
      }
    } else {
      collectVars(statement, found.vars, "statement");
    }
  }
  return found;
}

/** The statements that can hold a `var` of the enclosing scope, without entering functions. */
function collectVars(node: AnyNode | null | undefined, into: VarStatement[], place: VarPlace): void {
  if (!node) return;
  switch (node.type) {
    case "VariableDeclaration":
      if (node.kind === "var") {
        const declaration = node as unknown as VariableDeclaration;
        into.push({ names: declaredNames(declaration), node: declaration, place });
      }
      return;
    case "BlockStatement":
    case "StaticBlock":
      for (const child of node.body as AnyNode[]) collectVars(child, into, "statement");
      return;
    case "IfStatement":
      collectVars(node.consequent as AnyNode, into, "statement");
      collectVars(node.alternate as AnyNode, into, "statement");
      return;
    case "ForStatement":
      collectVars(node.init as AnyNode, into, "loopInit");
      collectVars(node.body as AnyNode, into, "statement");
      return;
    case "ForInStatement":
    case "ForOfStatement":
      collectVars(node.left as AnyNode, into, "loopHead");
      collectVars(node.body as AnyNode, into, "statement");
      return;
    case "WhileStatement":
    case "DoWhileStatement":
    case "LabeledStatement":
    case "WithStatement":
      collectVars(node.body as AnyNode, into, "statement");
      return;
    case "TryStatement":
      collectVars(node.block as AnyNode, into, "statement");
      collectVars((node.handler as AnyNode | null)?.body as AnyNode, into, "statement");
      collectVars(node.finalizer as AnyNode, into, "statement");
      return;
    case "SwitchStatement":
      for (const branch of node.cases as AnyNode[]) {
        for (const child of branch.consequent as AnyNode[]) collectVars(child, into, "statement");
      }
      return;
  }
}

function declaredNames(declaration: VariableDeclaration): string[] {
  const names: string[] = [];
  for (const declarator of declaration.declarations) patternNames(declarator.id, names);
  return names;
}

function patternNames(pattern: Pattern | null, into: string[]): void {
  if (!pattern) return;
  switch (pattern.type) {
    case "Identifier":
      into.push(pattern.name);
      return;
    case "ObjectPattern":
      for (const property of pattern.properties) {
        patternNames(property.type === "RestElement" ? property.argument : property.value, into);
      }
      return;
    case "ArrayPattern":
      for (const element of pattern.elements) patternNames(element, into);
      return;
    case "AssignmentPattern":
      patternNames(pattern.left, into);
      return;
    case "RestElement":
      patternNames(pattern.argument, into);
      return;
  }
}

/** A replacement of `code.slice(start, end)`. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

/**
 * Turns a `var` statement into the assignments it makes, so that its names resolve to the fake
 * window (which already has them) instead of new local bindings: `var a = 1, b;` becomes
 * `void 0, a = 1, b;` and `for (var k in o)` becomes `for (    k in o)`.
 */
export function varToAssignment(code: string, statement: VarStatement): Edit[] {
  const { node } = statement;
  const keyword = { start: node.start, end: node.start + 3 };
  if (statement.place === "loopHead") return [{ ...keyword, text: "   " }];
  const edits: Edit[] = [{ ...keyword, text: "void 0," }];
  // Without its own semicolon, the statement could run into the next line once it is an
  // expression (`var a\n(f)()` would become a call).
  if (statement.place === "statement" && code[node.end - 1] !== ";") {
    edits.push({ start: node.end, end: node.end, text: ";" });
  }
  return edits;
}

/** Applies non-overlapping edits. */
export function applyEdits(code: string, edits: Edit[]): string {
  let result = code;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) {
    result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  }
  return result;
}

/**
 * `this` at the top level of a function made by the `Function` constructor (arrow functions
 * included, nested functions and classes not): called without a receiver, a sloppy function's
 * `this` is its realm's global object, which the sandbox replaces with the fake window.
 */
export function topLevelThis(functionSource: string): Edit[] {
  const program = parse(functionSource, { ecmaVersion: "latest", sourceType: "script" });
  const fn = (program.body[0] as AnyNode).expression as AnyNode;
  const edits: Edit[] = [];
  const visit = (node: unknown): void => {
    if (!node || typeof node !== "object") return;
    if (Array.isArray(node)) {
      for (const child of node) visit(child);
      return;
    }
    const current = node as AnyNode;
    switch (current.type) {
      case "ThisExpression":
        edits.push({ start: current.start, end: current.end, text: "__mf_this(this)" });
        return;
      case "FunctionExpression":
      case "FunctionDeclaration":
      case "ClassDeclaration":
      case "ClassExpression":
        return;
    }
    for (const key in current) if (key !== "type") visit(current[key]);
  };
  visit(fn.body);
  return edits;
}
