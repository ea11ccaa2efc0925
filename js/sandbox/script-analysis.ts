import { parse, type Node, type Pattern, type Program, type VariableDeclaration } from "acorn";
import isReference from "is-reference";
import { analyze, type Scope } from "periscopic";

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
  /** `eval` used other than in a direct call, to become the sandbox's (see evalReferences). */
  evalEdits: Edit[];
  program: Program;
}

export type VarPlace = "statement" | "loopInit" | "loopHead";

type AnyNode = Node & Record<string, unknown>;

/** Parses a classic script (throws the parser's SyntaxError) and lists its top-level declarations. */
export function analyseScript(code: string): ScriptDeclarations {
  const program = parse(code, { ecmaVersion: "latest", sourceType: "script" });
  const found = declarationsOf(program);
  // Most scripts never mention eval; those skip the second walk.
  if (code.includes("eval")) found.evalEdits = evalReferences(program);
  return found;
}

function declarationsOf(program: Program): ScriptDeclarations {
  const found: ScriptDeclarations = {
    vars: [],
    functions: [],
    lexical: [],
    bodyStart: 0,
    strict: false,
    evalEdits: [],
    program,
  };
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

const FUNCTIONS = new Set(["FunctionDeclaration", "FunctionExpression", "ArrowFunctionExpression"]);

/** Where an identifier is a property name, a label or a binding being declared: not a read. */
const NOT_A_READ: Record<string, string[]> = {
  MemberExpression: ["property"],
  MethodDefinition: ["key"],
  PropertyDefinition: ["key"],
  LabeledStatement: ["label"],
  BreakStatement: ["label"],
  ContinueStatement: ["label"],
};
const DECLARES: Record<string, string[]> = {
  VariableDeclarator: ["id"],
  FunctionDeclaration: ["id", "params"],
  FunctionExpression: ["id", "params"],
  ArrowFunctionExpression: ["params"],
  ClassDeclaration: ["id"],
  CatchClause: ["param"],
  ObjectPattern: ["properties"],
  ArrayPattern: ["elements"],
  RestElement: ["argument"],
  AssignmentPattern: ["left"],
};

/**
 * Uses of `eval` other than a direct call `eval(...)`: they become `__mf_eval`, the sandbox's
 * eval (indirect semantics against the fake window), while direct calls keep reaching the
 * realm's own eval through a binding the sandbox puts around the code, and so keep the
 * caller's scope. Outside any function, where a direct eval means the global scope, calls
 * become the sandbox's too. Code that declares its own `eval` is left alone.
 */
export function evalReferences(root: Node): Edit[] {
  const edits: Edit[] = [];
  let declared = false;
  let depth = 0;
  const visit = (node: unknown, parent: AnyNode | undefined, key: string): void => {
    if (!node || typeof node !== "object") return;
    if (Array.isArray(node)) {
      for (const child of node) visit(child, parent, key);
      return;
    }
    const current = node as AnyNode;
    if (FUNCTIONS.has(current.type)) {
      depth += 1;
      for (const child in current) if (child !== "type") visit(current[child], current, child);
      depth -= 1;
      return;
    }
    if (current.type === "Identifier" && current.name === "eval" && parent) {
      const computed = !!parent.computed;
      if (DECLARES[parent.type]?.includes(key)) declared = true;
      else if (!computed && NOT_A_READ[parent.type]?.includes(key)) return;
      else if (parent.type === "Property" && key === "key" && !computed) {
        if (parent.shorthand) edits.push({ start: current.start, end: current.end, text: "eval: __mf_eval" });
      } else if (!(depth > 0 && parent.type === "CallExpression" && key === "callee" && !parent.optional)) {
        edits.push({ start: current.start, end: current.end, text: "__mf_eval" });
      }
      return;
    }
    // A shorthand property's value is its key again; patterns assign, they do not read.
    if (current.type === "Property" && current.shorthand) {
      visit(current.key, current, "key");
      return;
    }
    for (const child in current) if (child !== "type") visit(current[child], current, child);
  };
  visit(root, undefined, "");
  return declared ? [] : edits;
}

/**
 * What changes in a function made by the `Function` constructor: `eval` as for scripts, and
 * `this` at its top level (arrow functions included, nested functions and classes not), since
 * called without a receiver, a sloppy function's `this` is its realm's global object, which the
 * sandbox replaces with the fake window.
 */
export function functionEdits(functionSource: string): Edit[] {
  const program = parse(functionSource, { ecmaVersion: "latest", sourceType: "script" });
  const fn = (program.body[0] as AnyNode).expression as AnyNode;
  const edits: Edit[] = functionSource.includes("eval") ? evalReferences(fn) : [];
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

/**
 * References to the app's globals that live on the fake window (names an earlier script
 * declared or the app wrote as `window.x`), made member accesses of `__mf_g`, the fake window:
 * a bare name inside `with` is resolved by a slow dynamic lookup on every use, a property is
 * not. `isGlobal` says which free names to rewrite; `programNames` are top-level `var`s of this
 * script that were turned into assignments to the fake window. Scripts with `with` or a direct
 * `eval` inside a function, whose scopes cannot be known before they run, are left alone.
 */
export function globalReferences(
  program: Program,
  isGlobal: (name: string) => boolean,
  programNames: Set<string>,
): Edit[] {
  const { map, scope: top } = analyze(program as never);
  const edits: Edit[] = [];
  let unknowable = false;
  const classNames: string[] = [];
  const rewrites = (name: string, scope: Scope): boolean => {
    if (classNames.includes(name)) return false;
    const owner = scope.find_owner(name);
    return owner ? owner === top && programNames.has(name) : isGlobal(name);
  };
  const visit = (node: unknown, parent: AnyNode | undefined, key: string, scope: Scope): void => {
    if (unknowable || !node || typeof node !== "object") return;
    if (Array.isArray(node)) {
      for (const child of node) visit(child, parent, key, scope);
      return;
    }
    const current = node as AnyNode;
    const inner = map.get(current as never) ?? scope;
    switch (current.type) {
      case "ClassExpression":
        // A class expression's name is bound inside the class (periscopic does not say so).
        if (current.id) {
          classNames.push((current.id as { name: string }).name);
          for (const child in current) if (child !== "type") visit(current[child], current, child, inner);
          classNames.pop();
          return;
        }
        break;
      case "WithStatement":
        unknowable = true;
        return;
      case "CallExpression": {
        const callee = current.callee as AnyNode;
        if (callee.type === "Identifier" && callee.name === "eval" && inner !== top) unknowable = true;
        break;
      }
      case "Identifier": {
        const name = current.name as string;
        if (!parent || key === "id" || key === "params" || key === "param" || key === "label") return;
        if (isReference(current as never, parent as never) && rewrites(name, inner)) {
          edits.push({ start: current.start, end: current.end, text: `__mf_g.${name}` });
        }
        return;
      }
      case "Property":
        if (current.shorthand && parent?.type !== "ObjectPattern") {
          // `{ x }` reads x: `{ x: __mf_g.x }`.
          const name = (current.key as { name: string }).name;
          if (rewrites(name, inner)) {
            const key = current.key as AnyNode;
            edits.push({ start: key.start, end: key.end, text: `${name}: __mf_g.${name}` });
          }
          return;
        }
        if (current.shorthand) {
          // `({ x } = o)` and `({ x = 1 } = o)` assign x.
          const value = current.value as AnyNode;
          const target = (value.type === "AssignmentPattern" ? value.left : value) as AnyNode;
          const name = target.name as string;
          if (rewrites(name, inner))
            edits.push({ start: target.start, end: target.end, text: `${name}: __mf_g.${name}` });
          if (value.type === "AssignmentPattern") visit(value.right, value, "right", inner);
          return;
        }
        break;
    }
    for (const child in current) if (child !== "type") visit(current[child], current, child, inner);
  };
  visit(program, undefined, "", top);
  return unknowable ? [] : edits;
}
