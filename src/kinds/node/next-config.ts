// The Next.js config, read with a parser: standalone output only when the exported object sets it unconditionally.
import { joinPath } from '../../dockerfile/context-paths';
import type { ProjectView } from '../../contract/project-view';
import { compileRules } from '../../dockerignore/matcher';
import { stripComments } from '../code-text';
import { forEachChild, isNode, parse, stringValue, type AstNode } from './babel';

const NEXT_CONFIGS = [
  'next.config.js',
  'next.config.mjs',
  'next.config.ts',
  'next.config.cjs',
  'next.config.mts',
];

export interface NextConfigFacts {
  /** The config file found, relative to the context. */
  file: string | null;
  /** The exported config object itself sets `output: 'standalone'`, and its `distDir` is known. */
  standalone: boolean;
  /** `distDir` when set to a string literal; null means the default `.next`. */
  distDir: string | null;
}

/**
 * Reads `output` and `distDir` from the Next.js config in `packageDir`. Standalone only for an object literal
 * that is exported (`module.exports =`, `export default`), possibly through a const, a wrapper call's first
 * argument (`withX({...})`) or a function's only return, whose own `output` property is the literal
 * `'standalone'`. A spread, a condition (`...(env ? { output: 'standalone' } : {})`), a value computed at
 * build time or a config mutated after it is written all read as not standalone: the build might not make
 * `.next/standalone`, and the runtime then gets the whole app folder, as the original image had.
 */
export function readNextConfig(view: ProjectView, packageDir: string): NextConfigFacts {
  for (const name of NEXT_CONFIGS) {
    const file = joinPath(packageDir, name);
    const text = view.readText(file);
    if (text === null) continue;
    const props = exportedProps(name, text);
    const standalone = props?.output === 'standalone' && props.distDir !== undefined;
    // Where the parse says nothing certain, distDir still names the build output the ignore file leaves out.
    const distDir = props && props.distDir !== undefined ? props.distDir : textDistDir(text);
    return { file, standalone, distDir };
  }
  return { file: null, standalone: false, distDir: null };
}

function textDistDir(text: string): string | null {
  const m = /(?:^|[\s{,])(["']?)distDir\1\s*:\s*(["'`])([^"'`$]+)\2/.exec(stripComments(text));
  return m ? m[3] : null;
}

/** A property's literal value; null when absent; undefined when set to anything else (or a spread may set it). */
type Prop = string | null | undefined;

function exportedProps(name: string, text: string): { output: Prop; distDir: Prop } | null {
  let program: AstNode;
  try {
    const plugins = /\.m?ts$/.test(name) ? (['typescript'] as const) : ([] as const);
    program = parse(text, { sourceType: 'unambiguous', plugins: [...plugins] }).program as unknown as AstNode;
  } catch {
    return null;
  }
  const exported = exportedExpression(program);
  const object = exported ? configObject(exported, program, [program.body as AstNode[]], 0) : null;
  return object ? readProps(object) : null;
}

/** The one exported value: `export default x`, `module.exports = x` or `export = x`; null for none or several. */
function exportedExpression(program: AstNode): AstNode | null {
  const found: AstNode[] = [];
  for (const statement of program.body as AstNode[]) {
    if (statement.type === 'ExportDefaultDeclaration') found.push(statement.declaration as AstNode);
    else if (statement.type === 'TSExportAssignment') found.push(statement.expression as AstNode);
    else if (statement.type === 'ExpressionStatement') {
      const e = statement.expression as AstNode;
      if (e.type === 'AssignmentExpression' && e.operator === '=' && isModuleExports(e.left))
        found.push(e.right as AstNode);
    }
  }
  // `module.exports` named anywhere else (`module.exports.output = ...`, inside an `if`) may change the export.
  const moduleExports = count(program, (n) => isModuleExports(n));
  const cjs = found.length === 1 && moduleExports === 1;
  const esm = found.length === 1 && moduleExports === 0;
  return cjs || esm ? found[0] : null;
}

function isModuleExports(node: unknown): boolean {
  if (!isNode(node) || node.type !== 'MemberExpression' || node.computed) return false;
  const object = node.object as AstNode;
  return (
    object.type === 'Identifier' && object.name === 'module' && (node.property as AstNode).name === 'exports'
  );
}

const WRAPPERS = new Set([
  'TSAsExpression',
  'TSSatisfiesExpression',
  'TSNonNullExpression',
  'TSTypeAssertion',
  'ParenthesizedExpression',
]);
const FUNCTIONS = new Set(['ArrowFunctionExpression', 'FunctionExpression', 'FunctionDeclaration']);

/** The object literal an exported expression stands for, or null when it is anything less certain. */
function configObject(node: AstNode, program: AstNode, scopes: AstNode[][], depth: number): AstNode | null {
  if (depth > 8) return null;
  const next = (n: unknown, inner = scopes) =>
    isNode(n) ? configObject(n, program, inner, depth + 1) : null;
  if (WRAPPERS.has(node.type)) return next(node.expression);
  if (node.type === 'ObjectExpression') return node;
  if (node.type === 'CallExpression') {
    // A plugin wrapper (`withBundleAnalyzer(config)`) gets the config as its first argument.
    const callee = node.callee as AstNode;
    const first = (node.arguments as AstNode[])[0];
    return callee.type === 'Identifier' || callee.type === 'MemberExpression' ? next(first) : null;
  }
  if (node.type === 'Identifier') {
    const name = node.name as string;
    // Declared once and used once (here): nothing assigns to it or to its `output` in between.
    if (count(program, (n) => n.type === 'Identifier' && n.name === name) !== 2) return null;
    return next(declarationOf(name, scopes));
  }
  if (FUNCTIONS.has(node.type)) {
    const body = node.body as AstNode;
    if (body.type !== 'BlockStatement') return next(body);
    const statements = body.body as AstNode[];
    // Returns of functions inside (a `webpack(config)` hook) are theirs, not the config function's.
    const returns = collect(
      body,
      (n) => n.type === 'ReturnStatement',
      (n) => !FUNCTIONS.has(n.type) && !/Method$/.test(n.type),
    );
    // One return, at the top of the body: no branch returns another config (a phase check, say).
    if (returns.length !== 1 || !statements.includes(returns[0])) return null;
    return next(returns[0].argument, [statements, ...scopes]);
  }
  return null;
}

/** The value a `const` (or function declaration) of these statement lists gives `name`. */
function declarationOf(name: string, scopes: AstNode[][]): AstNode | null {
  for (const statements of scopes) {
    for (const s of statements) {
      const statement = s.type === 'ExportNamedDeclaration' && isNode(s.declaration) ? s.declaration : s;
      if (statement.type === 'FunctionDeclaration' && (statement.id as AstNode | null)?.name === name)
        return statement;
      if (statement.type !== 'VariableDeclaration' || statement.kind !== 'const') continue;
      for (const d of statement.declarations as AstNode[]) {
        const id = d.id as AstNode;
        if (id.type === 'Identifier' && id.name === name) return (d.init as AstNode | null) ?? null;
      }
    }
  }
  return null;
}

/** `output` and `distDir` as the object literal sets them; later properties win, as in JavaScript. */
function readProps(object: AstNode): { output: Prop; distDir: Prop } {
  const props: { output: Prop; distDir: Prop } = { output: null, distDir: null };
  for (const p of object.properties as AstNode[]) {
    const key = p.type === 'SpreadElement' ? null : p.computed ? stringValue(p.key) : keyName(p.key);
    if (key === null) {
      // A spread or a computed key may set either.
      props.output = props.distDir = undefined;
      continue;
    }
    if (key !== 'output' && key !== 'distDir') continue;
    props[key] = p.type === 'ObjectProperty' ? (stringValue(p.value) ?? undefined) : undefined;
  }
  return props;
}

function keyName(key: unknown): string | null {
  if (!isNode(key)) return null;
  return key.type === 'Identifier' ? (key.name as string) : stringValue(key);
}

/** Nodes that only name a property in their non-computed `key`/`property` (`{ config: 1 }`, `a.config`). */
const NAMING = /^(Optional)?MemberExpression$|^(Object|Class)(Property|Method)$|^ClassAccessorProperty$/;

/** Nodes matching `test`, names of properties left out; below `root`, only into nodes `enter` allows. */
function collect(root: AstNode, test: (n: AstNode) => boolean, enter = (_n: AstNode) => true): AstNode[] {
  const found: AstNode[] = [];
  const visit = (node: AstNode): void => {
    if (test(node)) found.push(node);
    const naming = !node.computed && NAMING.test(node.type);
    forEachChild(
      node,
      (child) => enter(child) && visit(child),
      (key) => naming && (key === 'key' || key === 'property'),
    );
  };
  visit(root);
  return found;
}

const count = (root: AstNode, test: (n: AstNode) => boolean) => collect(root, test).length;

/**
 * The top-level folders of the package folder that the build context holds and its `.dockerignore` lets
 * through: what a `COPY . .` put in the original image.
 */
export function contextFolders(view: ProjectView, packageDir: string): string[] {
  const ignore = view.readText('.dockerignore');
  const rules = ignore === null ? null : compileRules(ignore);
  return view
    .list(packageDir)
    .map((name) => joinPath(packageDir, name))
    .filter((rel) => view.isDirectory(rel) && !(rules?.ignores(rel) && !rules.mayReincludeBelow(rel)));
}
