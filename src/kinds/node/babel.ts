// The one loader of @babel/parser for Node sources, and the few AST helpers its readers share.
import type { parse as Parse } from '@babel/parser';

// Loaded on first use: most runs never parse a source file, and start-up time counts.
let parser: typeof Parse | null = null;
export const parse: typeof Parse = (text, options) => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  parser ??= (require('@babel/parser') as { parse: typeof Parse }).parse;
  return parser(text, options);
};

export type AstNode = { type: string; [key: string]: unknown };

export const isNode = (value: unknown): value is AstNode =>
  typeof value === 'object' && value !== null && typeof (value as AstNode).type === 'string';

/** A string literal or a template without expressions. */
export function stringValue(node: unknown): string | null {
  if (!isNode(node)) return null;
  if (node.type === 'StringLiteral') return node.value as string;
  if (node.type === 'TemplateLiteral' && (node.expressions as unknown[]).length === 0) {
    const quasis = node.quasis as AstNode[];
    return ((quasis[0]?.value as { cooked?: string })?.cooked ?? null) as string | null;
  }
  return null;
}

/** Keys of positions and comments: never child nodes, and not walked. */
const NOT_CHILDREN = new Set([
  'loc',
  'start',
  'end',
  'range',
  'extra',
  'leadingComments',
  'trailingComments',
  'innerComments',
]);

/** Calls `visit` for each child node of `node`, in key order, leaving out the keys `skip` names. */
export function forEachChild(
  node: AstNode,
  visit: (child: AstNode) => void,
  skip?: (key: string) => boolean,
): void {
  for (const key of Object.keys(node)) {
    if (NOT_CHILDREN.has(key) || skip?.(key)) continue;
    const value = node[key];
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) visit(item);
    } else if (isNode(value)) visit(value);
  }
}
