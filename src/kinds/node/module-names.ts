// What the argument of require()/import() names when it is not a plain string: a literal after all (a const),
// a local file (a path built from ./, __dirname, import.meta.url), or a name only known at run time.
import { isNode, stringValue, type AstNode } from './babel';

/** Names a file binds that the rules below read: node:path's module and functions, and consts. */
export interface Bindings {
  /** Locals holding node:path (`path`, `import nodePath from 'node:path'`). */
  pathModules: Set<string>;
  /** Locals holding path.join or path.resolve (`import { join } from 'path'`), by the function they hold. */
  pathFunctions: Map<string, 'join' | 'resolve'>;
  /** `const x = <init>` by name; null when the name is declared more than once (it is not one value). */
  consts: Map<string, AstNode | null>;
}

/** A bindings table with `path` already in it: that name holds node:path in all but hostile code. */
export const newBindings = (): Bindings => ({
  pathModules: new Set(['path']),
  pathFunctions: new Map(),
  consts: new Map(),
});

const PATH_MODULE = /^(node:)?path(\/posix)?$/;
const PATH_FUNCTIONS = new Set(['join', 'resolve']);

/** Records what an import of node:path binds. */
export function bindImport(node: AstNode, b: Bindings): void {
  if (!PATH_MODULE.test(stringValue(node.source) ?? '')) return;
  for (const spec of (node.specifiers as AstNode[]) ?? []) {
    const local = (spec.local as AstNode).name as string;
    if (spec.type !== 'ImportSpecifier') b.pathModules.add(local);
    else {
      const imported = importedName(spec.imported);
      if (PATH_FUNCTIONS.has(imported)) b.pathFunctions.set(local, imported as 'join' | 'resolve');
    }
  }
}

/** Records one declarator of a `const`, `let` or `var` declaration. */
export function bindDeclarator(kind: string, node: AstNode, b: Bindings): void {
  if (!isNode(node.id)) return;
  const init = isNode(node.init) ? node.init : null;
  if (init && isRequireOf(init)) {
    if (node.id.type === 'Identifier') b.pathModules.add(node.id.name as string);
    for (const prop of node.id.type === 'ObjectPattern' ? (node.id.properties as AstNode[]) : []) {
      const key = importedName(prop.key);
      const value = prop.value as AstNode | undefined;
      if (prop.type === 'ObjectProperty' && PATH_FUNCTIONS.has(key) && value?.type === 'Identifier')
        b.pathFunctions.set(value.name as string, key as 'join' | 'resolve');
    }
  }
  if (kind === 'const' && node.id.type === 'Identifier') {
    const name = node.id.name as string;
    b.consts.set(name, b.consts.has(name) ? null : init);
  } else bindNames(node.id, b);
}

/**
 * Records names bound with no one known value (parameters, `let`, `var`, destructuring, catch): a const of
 * the same name elsewhere in the file is then not read as this name's value.
 */
export function bindNames(pattern: unknown, b: Bindings): void {
  if (!isNode(pattern)) return;
  if (pattern.type === 'Identifier') {
    b.consts.set(pattern.name as string, null);
    return;
  }
  for (const [key, value] of Object.entries(pattern)) {
    // A default's expression (`{ a = b }`) binds nothing; only the pattern side does.
    if (key === 'right' || key === 'typeAnnotation' || key === 'loc') continue;
    if (Array.isArray(value)) for (const item of value) bindNames(item, b);
    else if (isNode(value) && key !== 'key') bindNames(value, b);
  }
}

const importedName = (node: unknown) =>
  isNode(node) ? ((node.name as string | undefined) ?? stringValue(node) ?? '') : '';

function isRequireOf(node: AstNode): boolean {
  const callee = node.callee as AstNode | undefined;
  const args = (node.arguments as AstNode[] | undefined) ?? [];
  return (
    node.type === 'CallExpression' &&
    callee?.type === 'Identifier' &&
    callee.name === 'require' &&
    PATH_MODULE.test(stringValue(args[0]) ?? '')
  );
}

/**
 * What a load's argument names: `{ literal }` when it comes down to one string (a const), `local` when it
 * is provably a file of the app (not a package), else `computed`. Local: a string, template or `+` chain
 * whose first static part starts with `./`, `../` or `/`, or that starts from an absolute path (see
 * absolutePath); `new URL(x, import.meta.url)`, its href or pathname, and pathToFileURL of anything.
 */
export function nameOf(arg: AstNode, b: Bindings, depth = 0): { literal: string } | 'local' | 'computed' {
  const literal = stringValue(arg);
  if (literal !== null) return { literal };
  if (depth > 8) return 'computed';
  if (arg.type === 'Identifier') {
    const init = b.consts.get(arg.name as string);
    return init ? nameOf(init, b, depth + 1) : 'computed';
  }
  return localPath(arg, b, depth) ? 'local' : 'computed';
}

const isLocalText = (text: string) => /^(\.{1,2}\/|\/)/.test(text);
const headOf = (template: AstNode) =>
  ((template.quasis as AstNode[])[0]?.value as { cooked?: string })?.cooked ?? '';

/** Whether an expression is a path (or file URL) of the app itself, by the rules of nameOf. */
function localPath(node: AstNode, b: Bindings, depth: number): boolean {
  if (depth > 8) return false;
  if (absolutePath(node, b, depth)) return true;
  const next = (n: unknown) => isNode(n) && localPath(n, b, depth + 1);
  switch (node.type) {
    case 'StringLiteral':
      return isLocalText(node.value as string);
    case 'TemplateLiteral':
      return isLocalText(headOf(node));
    case 'BinaryExpression':
      return node.operator === '+' && next(node.left);
    case 'Identifier': {
      const init = b.consts.get(node.name as string);
      return !!init && next(init);
    }
    case 'MemberExpression':
      // `new URL('./x.js', import.meta.url).href`
      return !node.computed && ['href', 'pathname'].includes((node.property as AstNode).name as string)
        ? next(node.object)
        : false;
    case 'NewExpression': {
      const args = (node.arguments as AstNode[]) ?? [];
      const callee = node.callee as AstNode;
      return callee.type === 'Identifier' && callee.name === 'URL' && args.length === 2 && isMetaUrl(args[1]);
    }
    case 'CallExpression':
      // pathToFileURL resolves any path against the working folder: always a file URL.
      return calleeName(node) === 'pathToFileURL';
    default:
      return false;
  }
}

/**
 * Whether an expression is an absolute path: `/x`, `__dirname`, `__filename`, `import.meta.dirname`,
 * `process.cwd()`, any path.resolve, path.join or a `+` chain or template starting from one. (path.join
 * of `./lib` is `lib`, a bare name again: only an absolute first part keeps it a path.)
 */
function absolutePath(node: AstNode, b: Bindings, depth: number): boolean {
  if (depth > 8) return false;
  const next = (n: unknown) => isNode(n) && absolutePath(n, b, depth + 1);
  switch (node.type) {
    case 'StringLiteral':
      return (node.value as string).startsWith('/');
    case 'TemplateLiteral': {
      const head = headOf(node);
      return head ? head.startsWith('/') : next((node.expressions as AstNode[])[0]);
    }
    case 'BinaryExpression':
      return node.operator === '+' && next(node.left);
    case 'Identifier': {
      if (node.name === '__dirname' || node.name === '__filename') return true;
      const init = b.consts.get(node.name as string);
      return !!init && next(init);
    }
    case 'MemberExpression':
      return (
        isImportMeta(node.object) &&
        !node.computed &&
        ['dirname', 'filename'].includes((node.property as AstNode).name as string)
      );
    case 'CallExpression': {
      const args = (node.arguments as AstNode[]) ?? [];
      const callee = node.callee as AstNode;
      const object = callee.type === 'MemberExpression' ? (callee.object as AstNode) : null;
      const name = calleeName(node);
      if (object?.type === 'Identifier' && object.name === 'process' && name === 'cwd') return true;
      // fileURLToPath of the app's own file URL is that file's absolute path.
      if (name === 'fileURLToPath') return isNode(args[0]) && localPath(args[0], b, depth + 1);
      const pathFn = object
        ? isPathModule(object, b) && PATH_FUNCTIONS.has(name ?? '')
          ? name
          : null
        : (b.pathFunctions.get(name ?? '') ?? null);
      return pathFn === 'resolve' || (pathFn === 'join' && next(args[0]));
    }
    default:
      return false;
  }
}

/** The name a call calls: `f` of `f(x)` and of `a.b.f(x)`; null for a computed member. */
function calleeName(node: AstNode): string | null {
  const callee = node.callee as AstNode;
  if (callee.type === 'Identifier') return callee.name as string;
  if (callee.type === 'MemberExpression' && !callee.computed)
    return (callee.property as AstNode).name as string;
  return null;
}

/** `path`, a local bound to node:path, or `path.posix`. */
function isPathModule(node: AstNode | undefined, b: Bindings): boolean {
  if (!node) return false;
  if (node.type === 'Identifier') return b.pathModules.has(node.name as string);
  return (
    node.type === 'MemberExpression' &&
    !node.computed &&
    (node.property as AstNode).name === 'posix' &&
    isPathModule(node.object as AstNode, b)
  );
}

const isImportMeta = (node: unknown) =>
  isNode(node) &&
  node.type === 'MetaProperty' &&
  (node.meta as AstNode).name === 'import' &&
  (node.property as AstNode).name === 'meta';

const isMetaUrl = (node: unknown) =>
  isNode(node) &&
  node.type === 'MemberExpression' &&
  !node.computed &&
  isImportMeta(node.object) &&
  (node.property as AstNode).name === 'url';
