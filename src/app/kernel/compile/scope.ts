/**
 * Scope analysis of a cell's JavaScript (an ESTree from acorn): which names its top level declares (the cell's
 * outputs) and which names it uses without declaring them (its inputs: other cells' outputs, the library, globals).
 * Follows JavaScript's scoping: `var` and function parameters are function-scoped, `let`/`const`/`class` and block
 * functions are block-scoped, a catch clause and a `for (let …)` head open their own scope.
 */
import type {Node} from 'acorn';

type AnyNode = Node & Record<string, unknown>;

class Scope {
  readonly names = new Set<string>();
  constructor(
    readonly parent: Scope | undefined,
    readonly isFunction: boolean,
  ) {}

  has(name: string): boolean {
    return this.names.has(name) || (this.parent?.has(name) ?? false);
  }
}

const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);

export function isFunctionNode(node: Node): boolean {
  return FUNCTION_TYPES.has(node.type);
}

/** The child nodes of any ESTree node, in source order. */
export function children(node: Node): Node[] {
  const out: Node[] = [];
  for (const key in node) {
    if (key === 'type' || key === 'start' || key === 'end' || key === 'loc' || key === 'range') continue;
    const value = (node as AnyNode)[key];
    if (Array.isArray(value)) {
      for (const item of value) if (item && typeof item === 'object' && typeof item.type === 'string') out.push(item);
    } else if (value && typeof value === 'object' && typeof (value as Node).type === 'string') {
      out.push(value as Node);
    }
  }
  return out;
}

/** Names bound by a declaration pattern (`a`, `{a, b: [c]}`, `...rest`, `x = 1`). */
export function patternNames(pattern: Node | null | undefined, into: string[] = []): string[] {
  if (!pattern) return into;
  const p = pattern as AnyNode;
  switch (pattern.type) {
    case 'Identifier':
      into.push(p.name as string);
      break;
    case 'ObjectPattern':
      for (const prop of p.properties as AnyNode[]) patternNames((prop.type === 'RestElement' ? prop.argument : prop.value) as Node, into);
      break;
    case 'ArrayPattern':
      for (const el of p.elements as (Node | null)[]) patternNames(el, into);
      break;
    case 'RestElement':
      patternNames(p.argument as Node, into);
      break;
    case 'AssignmentPattern':
      patternNames(p.left as Node, into);
      break;
  }
  return into;
}

/** Names a list of statements declares directly: `let`/`const`/`var` (when `withVar`), functions, classes. */
function declaredIn(statements: readonly Node[], withVar: boolean): string[] {
  const names: string[] = [];
  for (const raw of statements) {
    const s = raw as AnyNode;
    if (s.type === 'VariableDeclaration' && (withVar || s.kind !== 'var')) {
      for (const d of s.declarations as AnyNode[]) patternNames(d.id as Node, names);
    } else if ((s.type === 'FunctionDeclaration' || s.type === 'ClassDeclaration') && s.id) {
      names.push((s.id as AnyNode).name as string);
    }
  }
  return names;
}

/** `var` declarations anywhere in a function body (not inside nested functions): they hoist to the function. */
function hoistedVars(node: Node, into: string[] = []): string[] {
  for (const child of children(node)) {
    if (isFunctionNode(child) || child.type === 'ClassBody') continue;
    const c = child as AnyNode;
    if (c.type === 'VariableDeclaration' && c.kind === 'var') {
      for (const d of c.declarations as AnyNode[]) patternNames(d.id as Node, into);
    }
    hoistedVars(child, into);
  }
  return into;
}

export interface ScopeAnalysis {
  /** Names the top level declares, in order of appearance (duplicates removed). */
  declarations: string[];
  /** Names used but declared nowhere in the cell, in order of first use. */
  references: string[];
}

/** Analyses the statements of a cell's top level (the body of the function the cell runs as). */
export function analyzeScopes(body: readonly Node[]): ScopeAnalysis {
  const top = new Scope(undefined, true);
  const declarations = [...new Set([...declaredIn(body, true), ...body.flatMap((s) => hoistedVars(s))])];
  for (const name of declarations) top.names.add(name);
  const references: string[] = [];
  const seen = new Set<string>();
  const reference = (name: string, scope: Scope) => {
    if (!scope.has(name) && !seen.has(name)) {
      seen.add(name);
      references.push(name);
    }
  };
  for (const statement of body) visit(statement, top, reference);
  // Only the direct top-level declarations are outputs; `var`s nested in top-level blocks are locals of the cell.
  const outputs = [...new Set(declaredIn(body, true))];
  return {declarations: outputs, references};
}

function declarePattern(pattern: Node | null | undefined, scope: Scope): void {
  for (const name of patternNames(pattern)) scope.names.add(name);
}

/**
 * Visits a pattern: its defaults and computed keys are references; its names are references too when it is an
 * assignment target (`[a, b] = …`, `for (x of …)`), and not when it declares them (`const [a, b] = …`, parameters).
 */
function visitPattern(pattern: Node | null | undefined, scope: Scope, ref: (n: string, s: Scope) => void, assigns: boolean): void {
  if (!pattern) return;
  const p = pattern as AnyNode;
  switch (pattern.type) {
    case 'Identifier':
      if (assigns) ref(p.name as string, scope);
      return;
    case 'ObjectPattern':
      for (const prop of p.properties as AnyNode[]) {
        if (prop.type === 'RestElement') visitPattern(prop.argument as Node, scope, ref, assigns);
        else {
          if (prop.computed) visit(prop.key as Node, scope, ref);
          visitPattern(prop.value as Node, scope, ref, assigns);
        }
      }
      return;
    case 'ArrayPattern':
      for (const el of p.elements as (Node | null)[]) visitPattern(el, scope, ref, assigns);
      return;
    case 'RestElement':
      visitPattern(p.argument as Node, scope, ref, assigns);
      return;
    case 'AssignmentPattern':
      visitPattern(p.left as Node, scope, ref, assigns);
      visit(p.right as Node, scope, ref);
      return;
    default: // a member expression target, e.g. `[a.b] = x`
      visit(pattern, scope, ref);
  }
}

function visitBlock(statements: readonly Node[], scope: Scope, ref: (n: string, s: Scope) => void): void {
  for (const name of declaredIn(statements, false)) scope.names.add(name);
  for (const s of statements) visit(s, scope, ref);
}

function visitFunction(fn: AnyNode, outer: Scope, ref: (n: string, s: Scope) => void): void {
  const scope = new Scope(outer, true);
  if (fn.type === 'FunctionExpression' && fn.id) scope.names.add((fn.id as AnyNode).name as string);
  for (const param of fn.params as Node[]) declarePattern(param, scope);
  for (const param of fn.params as Node[]) visitPattern(param, scope, ref, false);
  const body = fn.body as AnyNode;
  if (body.type === 'BlockStatement') {
    for (const name of hoistedVars(body)) scope.names.add(name);
    visitBlock(body.body as Node[], scope, ref);
  } else {
    visit(body, scope, ref);
  }
}

function visit(node: Node | null | undefined, scope: Scope, ref: (n: string, s: Scope) => void): void {
  if (!node) return;
  const n = node as AnyNode;
  switch (node.type) {
    case 'Identifier':
      ref(n.name as string, scope);
      return;
    case 'FunctionDeclaration':
    case 'FunctionExpression':
    case 'ArrowFunctionExpression':
      visitFunction(n, scope, ref);
      return;
    case 'ClassDeclaration':
    case 'ClassExpression': {
      const inner = new Scope(scope, false);
      if (n.id) inner.names.add((n.id as AnyNode).name as string);
      visit(n.superClass as Node, scope, ref);
      for (const member of ((n.body as AnyNode).body as AnyNode[])) {
        if (member.computed) visit(member.key as Node, inner, ref);
        if (member.type === 'StaticBlock') visitBlock(member.body as Node[], new Scope(inner, true), ref);
        else visit(member.value as Node, member.type === 'PropertyDefinition' ? new Scope(inner, true) : inner, ref);
      }
      return;
    }
    case 'VariableDeclaration':
      for (const d of n.declarations as AnyNode[]) {
        visitPattern(d.id as Node, scope, ref, false);
        visit(d.init as Node, scope, ref);
      }
      return;
    case 'BlockStatement':
      visitBlock(n.body as Node[], new Scope(scope, false), ref);
      return;
    case 'StaticBlock':
      visitBlock(n.body as Node[], new Scope(scope, true), ref);
      return;
    case 'ForStatement':
    case 'ForInStatement':
    case 'ForOfStatement': {
      const inner = new Scope(scope, false);
      const head = (n.init ?? n.left) as AnyNode | null;
      if (head?.type === 'VariableDeclaration' && head.kind !== 'var') {
        for (const d of head.declarations as AnyNode[]) declarePattern(d.id as Node, inner);
      }
      for (const child of children(node)) {
        if (child === head && head.type !== 'VariableDeclaration') visitPattern(child, inner, ref, true);
        else visit(child, inner, ref);
      }
      return;
    }
    case 'CatchClause': {
      const inner = new Scope(scope, false);
      declarePattern(n.param as Node, inner);
      visitPattern(n.param as Node, inner, ref, false);
      visit(n.body as Node, inner, ref);
      return;
    }
    case 'SwitchStatement': {
      visit(n.discriminant as Node, scope, ref);
      const inner = new Scope(scope, false);
      const cases = n.cases as AnyNode[];
      for (const name of declaredIn(cases.flatMap((c) => c.consequent as Node[]), false)) inner.names.add(name);
      for (const c of cases) {
        visit(c.test as Node, inner, ref);
        for (const s of c.consequent as Node[]) visit(s, inner, ref);
      }
      return;
    }
    case 'MemberExpression':
      visit(n.object as Node, scope, ref);
      if (n.computed) visit(n.property as Node, scope, ref);
      return;
    case 'Property':
      if (n.computed) visit(n.key as Node, scope, ref);
      visit(n.value as Node, scope, ref);
      return;
    case 'AssignmentExpression':
      visitPattern(n.left as Node, scope, ref, true);
      visit(n.right as Node, scope, ref);
      return;
    case 'LabeledStatement':
      visit(n.body as Node, scope, ref);
      return;
    case 'BreakStatement':
    case 'ContinueStatement':
    case 'MetaProperty':
    case 'ThisExpression':
    case 'Super':
      return;
    default:
      for (const child of children(node)) visit(child, scope, ref);
  }
}
