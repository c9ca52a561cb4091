// The packages one JS/TS source file loads at run time, read with a real parser (@babel/parser), not by text.
import type { ParserPlugin } from '@babel/parser';
import { forEachChild, isNode, parse, stringValue, type AstNode } from './babel';
import { bindDeclarator, bindImport, bindNames, nameOf, newBindings } from './module-names';

export interface FileImports {
  /** Bare specifiers loaded as values: `import`, `export ... from`, `require`, `import()`, `require.resolve`. */
  specifiers: string[];
  /** String literals that name a package outside an import (`target: 'pino-pretty'`): a library may load it. */
  strings: string[];
  /**
   * Loads whose module name is only known at run time (`require(name)`, `import('pino' + '-pretty')`), by
   * line and source text; names provably of the app's own files (`./x`, `path.join(__dirname, x)`) are not.
   */
  computed: ComputedLoad[];
}

export interface ComputedLoad {
  line: number;
  code: string;
}

export interface ScanOptions {
  /**
   * TypeScript drops an import whose bindings are used as types only, unless the tsconfig keeps every
   * import (`verbatimModuleSyntax`, `preserveValueImports`) or emits decorator metadata, which turns
   * some type annotations into values. False: such imports count.
   */
  elideTypeOnly: boolean;
}

const TS = /\.(c|m)?tsx?$/;

/** Reads one file; throws when no parser setting can read it. */
export function fileImports(path: string, text: string, options: ScanOptions): FileImports {
  const ts = TS.test(path);
  const attempts: ParserPlugin[][] = ts
    ? [path.endsWith('x') ? ['typescript', 'jsx', 'decorators-legacy'] : ['typescript', 'decorators-legacy']]
    : [['jsx'], ['flow', 'jsx'], ['typescript', 'decorators-legacy']];
  let lastError: unknown = null;
  for (const plugins of attempts) {
    try {
      const ast = parse(text, {
        sourceType: 'unambiguous',
        plugins,
        errorRecovery: true,
        allowReturnOutsideFunction: true,
        allowAwaitOutsideFunction: true,
        allowImportExportEverywhere: true,
        allowUndeclaredExports: true,
        allowSuperOutsideMethod: true,
        allowNewTargetOutsideFunction: true,
      });
      return collect(ast.program as unknown as AstNode, ts && options.elideTypeOnly, text);
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

/** Subtrees that exist for the type checker only: nothing in them is loaded at run time. */
const TYPE_ONLY = new Set([
  'TSTypeAnnotation',
  'TSTypeParameterDeclaration',
  'TSTypeParameterInstantiation',
  'TSInterfaceDeclaration',
  'TSTypeAliasDeclaration',
  'TSDeclareFunction',
  'TSDeclareMethod',
  'TSImportType',
  'TypeAnnotation',
  'TypeAlias',
  'InterfaceDeclaration',
  'OpaqueType',
  'DeclareModule',
  'DeclareVariable',
  'DeclareFunction',
]);

/** Keys that hold types wherever they appear (`x: T`, `f(): T`, `<T>`, `implements I`, `x as T`). */
const TYPE_KEYS = new Set([
  'typeAnnotation',
  'returnType',
  'typeParameters',
  'typeArguments',
  'superTypeParameters',
  'implements',
]);

interface Pending {
  source: string;
  locals: string[];
}

function collect(program: AstNode, elide: boolean, text: string): FileImports {
  const specifiers: string[] = [];
  const strings: string[] = [];
  // Loads of a name that is not a literal: judged once the whole file's bindings are known.
  const loads: Array<{ call: AstNode; arg: AstNode }> = [];
  const bindings = newBindings();
  // Imports whose bindings may all be types: kept only if a binding is used as a value somewhere.
  const pending: Pending[] = [];
  const valueNames = new Set<string>();
  // JSX compiles to calls of a factory the file imports (`React`) or of a runtime tsc adds: keep every import.
  let sawJsx = false;

  const visit = (node: AstNode): void => {
    if (TYPE_ONLY.has(node.type)) return;
    if (node.type === 'TSModuleDeclaration' && node.declare) return;
    if (Array.isArray(node.params)) for (const p of node.params) bindNames(p, bindings);
    switch (node.type) {
      case 'VariableDeclaration':
        for (const d of node.declarations as AstNode[]) bindDeclarator(node.kind as string, d, bindings);
        break;
      case 'CatchClause':
        bindNames(node.param, bindings);
        break;
      case 'ImportDeclaration': {
        bindImport(node, bindings);
        const source = stringValue(node.source);
        if (source === null || node.importKind === 'type' || node.importKind === 'typeof') return;
        const specs = (node.specifiers as AstNode[]) ?? [];
        const valueSpecs = specs.filter((s) => s.importKind !== 'type' && s.importKind !== 'typeof');
        if (specs.length > 0 && valueSpecs.length === 0) return;
        if (elide && specs.length > 0) {
          pending.push({ source, locals: valueSpecs.map((s) => (s.local as AstNode).name as string) });
        } else specifiers.push(source);
        return;
      }
      case 'ExportNamedDeclaration':
      case 'ExportAllDeclaration': {
        const source = stringValue(node.source);
        if (source !== null) {
          const specs = (node.specifiers as AstNode[] | undefined) ?? [];
          const typeOnly =
            node.exportKind === 'type' || (specs.length > 0 && specs.every((s) => s.exportKind === 'type'));
          if (!typeOnly) specifiers.push(source);
          return;
        }
        break;
      }
      case 'TSImportEqualsDeclaration': {
        const ref = node.moduleReference as AstNode;
        if (node.importKind !== 'type' && ref.type === 'TSExternalModuleReference') {
          const source = stringValue(ref.expression);
          if (source !== null) specifiers.push(source);
        }
        return;
      }
      case 'CallExpression':
      case 'ImportExpression': {
        const arg = loadArgument(node);
        const literal = arg ? stringValue(arg) : null;
        if (literal !== null) specifiers.push(literal);
        else if (arg) loads.push({ call: node, arg });
        break;
      }
      case 'StringLiteral':
        strings.push(node.value as string);
        return;
      case 'Identifier':
        valueNames.add(node.name as string);
        break;
      case 'JSXIdentifier':
        valueNames.add(node.name as string);
        sawJsx = true;
        return;
    }
    // `x: T` in a class property or parameter: the annotation is a type, the key is not a value use.
    forEachChild(node, visit, (key) => TYPE_KEYS.has(key));
  };
  visit(program);
  for (const p of pending) {
    if (sawJsx || p.locals.some((name) => valueNames.has(name))) specifiers.push(p.source);
  }
  const computed: ComputedLoad[] = [];
  for (const { call, arg } of loads) {
    const name = nameOf(arg, bindings);
    if (name === 'computed') computed.push({ line: lineOf(call), code: codeOf(text, call) });
    else if (name !== 'local') specifiers.push(name.literal);
  }
  return { specifiers, strings, computed };
}

const lineOf = (node: AstNode) => (node.loc as { start: { line: number } } | undefined)?.start.line ?? 0;

/** The call as written, on one line and cut short, for a note. */
function codeOf(text: string, node: AstNode): string {
  const code = text.slice(node.start as number, node.end as number).replace(/\s+/g, ' ');
  return code.length > 60 ? `${code.slice(0, 57)}...` : code;
}

/** The argument naming the module of `require(x)`, `require.resolve(x)`, `module.require(x)`, `import(x)`; else null. */
function loadArgument(call: AstNode): AstNode | null {
  const args = (call.arguments as AstNode[] | undefined) ?? [];
  if (call.type === 'ImportExpression') return isNode(call.source) ? call.source : null;
  const callee = call.callee as AstNode;
  // `require(...names)` too: a spread is a computed name.
  const first = isNode(args[0]) ? args[0] : null;
  if (callee.type === 'Import') return first;
  if (callee.type === 'Identifier' && callee.name === 'require') return first;
  if (callee.type === 'MemberExpression' && !callee.computed) {
    const object = callee.object as AstNode;
    const property = (callee.property as AstNode).name;
    if (object.type === 'Identifier' && object.name === 'require' && property === 'resolve') return first;
    if (object.type === 'Identifier' && object.name === 'module' && property === 'require') return first;
  }
  return null;
}

/** The package a bare specifier names (`@scope/pkg/sub` -> `@scope/pkg`); null for relative, absolute, `node:` and URL specifiers. */
export function packageOf(specifier: string): string | null {
  if (!specifier || specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('#'))
    return null;
  if (/^[a-z][a-z0-9+.-]*:/i.test(specifier)) return null;
  const parts = specifier.split('/');
  if (specifier.startsWith('@')) return parts.length >= 2 && parts[1] ? `${parts[0]}/${parts[1]}` : null;
  return parts[0] || null;
}
