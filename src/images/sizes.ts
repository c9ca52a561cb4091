// The base-image estimate: published sizes of the base before and after, from base-sizes.yaml; never a measurement.
import fs from 'node:fs';
import path from 'node:path';
import type { DockerfileModel } from '../dockerfile/model';
import { finalStage } from '../dockerfile/model';
import { preambleArgs } from '../dockerfile/scope';
import { noteMaker, type Note } from '../notes';
import { readImageName, resolveImage } from './image-facts';

/** One row of the table: the tags it covers and where its figure comes from. */
export interface SizeRow {
  tags: string[];
  compressedMB: number;
  uncompressedMB?: number;
  source: string;
  retrieved: string;
  /** Set when the figure is borrowed from another image: whose, and why that is close. */
  approximate?: string;
}

/** A base image and its published size; null where the table has no figure. */
export interface BaseSize {
  image: string;
  compressedMB: number | null;
  uncompressedMB: number | null;
  approximate: boolean;
}

/** The estimate of one service's base-image change; the app's own layers are not in it. */
export interface Estimate {
  of: 'base image';
  from: BaseSize;
  to: BaseSize;
  /** from - to; null when either figure is unknown (0 when the base does not change). */
  savedCompressedMB: number | null;
  savedUncompressedMB: number | null;
}

const TABLE_JSON = path.join(__dirname, 'base-sizes.json');
const TABLE_YAML = [
  path.join(__dirname, 'base-sizes.yaml'),
  // Built by tsc alone (no data step): dist/src/images -> src/images.
  path.join(__dirname, '../../../src/images/base-sizes.yaml'),
];

let table: Map<string, SizeRow> | null = null;

/** Checks the table's rows (the build does this too, so a broken row never ships). Throws naming the row. */
export function checkSizeRows(value: unknown): SizeRow[] {
  const rows = (value as { images?: unknown } | null)?.images;
  if (!Array.isArray(rows)) throw new Error('base sizes: expected `images:`, a list of rows');
  return rows.map((row: Partial<SizeRow>, i) => {
    const where = `base sizes row ${i + 1}`;
    if (!Array.isArray(row.tags) || row.tags.length === 0 || row.tags.some((t) => typeof t !== 'string'))
      throw new Error(`${where}: tags: must list image references`);
    for (const key of ['compressedMB', 'uncompressedMB'] as const)
      if (row[key] !== undefined && !(typeof row[key] === 'number' && row[key] > 0))
        throw new Error(`${where}: ${key}: must be a size in MB`);
    if (row.compressedMB === undefined) throw new Error(`${where}: compressedMB: is missing`);
    if (typeof row.source !== 'string' || !/^https:\/\//.test(row.source))
      throw new Error(`${where}: source: must name the page the figure comes from`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(String(row.retrieved ?? '')))
      throw new Error(`${where}: retrieved: must be the day the figure was read (YYYY-MM-DD)`);
    return { ...row, retrieved: String(row.retrieved) } as SizeRow;
  });
}

/** The table by normalised tag, read once per process: the built JSON, or the YAML it is made from. */
function sizeTable(): Map<string, SizeRow> {
  if (table) return table;
  let rows: SizeRow[];
  if (fs.existsSync(TABLE_JSON)) rows = JSON.parse(fs.readFileSync(TABLE_JSON, 'utf8')) as SizeRow[];
  else {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const yaml = require('yaml') as typeof import('yaml');
    const file = TABLE_YAML.find((p) => fs.existsSync(p)) ?? TABLE_YAML[0];
    rows = checkSizeRows(yaml.parse(fs.readFileSync(file, 'utf8')));
  }
  table = new Map(rows.flatMap((row) => row.tags.map((tag) => [sizeKey(tag), row] as const)));
  return table;
}

/**
 * The key an image is looked up by: Docker Hub's short name, the tag read by major version and variant
 * (node:20.11.1-bookworm -> node:20-bookworm, node:22-alpine3.21 -> node:22-alpine, 17.0.9_9-jre -> 17-jre).
 */
export function sizeKey(image: string): string {
  const name = readImageName(image);
  const tag = (name.tag ?? 'latest')
    .replace(/^(\d+)(?:[._]\d+)*(?=-|$)/, '$1')
    .replace(/(^|-)alpine[\d.]*$/, '$1alpine');
  return `${name.registry ? `${name.registry}/` : ''}${name.repository}:${tag}`;
}

/** A base image's published size, from `rows` (default: the built-in table). */
export function baseSize(image: string, rows: ReadonlyMap<string, SizeRow> = sizeTable()): BaseSize {
  const row = rows.get(sizeKey(image));
  return {
    image,
    compressedMB: row?.compressedMB ?? null,
    uncompressedMB: row?.uncompressedMB ?? null,
    approximate: row?.approximate !== undefined,
  };
}

/**
 * The image the final stage is built on, with ARG defaults filled in and stage names followed to their image
 * (`FROM base AS runtime`); null when it cannot be known (a variable without a default, `scratch`).
 */
export function finalBase(model: DockerfileModel): string | null {
  const args = preambleArgs(model);
  let stage = model.stages.length ? finalStage(model) : undefined;
  for (let hops = 0; stage?.image && hops < model.stages.length; hops++) {
    const resolved = resolveImage(stage.image.value, args);
    if (!resolved || resolved === 'scratch') return null;
    const earlier: number = stage.index;
    const named = model.stages.find((s) => s.index < earlier && s.name === resolved.toLowerCase());
    if (!named) return resolved;
    stage = named;
  }
  return null;
}

const round = (mb: number) => Math.round(mb * 10) / 10;
const difference = (a: number | null, b: number | null) => (a === null || b === null ? null : round(a - b));

/** The estimate for a base change; null when either image cannot be known. */
export function estimateBase(
  before: string | null,
  after: string | null,
  rows?: ReadonlyMap<string, SizeRow>,
): Estimate | null {
  if (before === null || after === null) return null;
  const from = baseSize(before, rows);
  const to = baseSize(after, rows);
  if (before === after) return { of: 'base image', from, to, savedCompressedMB: 0, savedUncompressedMB: 0 };
  return {
    of: 'base image',
    from,
    to,
    savedCompressedMB: difference(from.compressedMB, to.compressedMB),
    savedUncompressedMB: difference(from.uncompressedMB, to.uncompressedMB),
  };
}

/** Whether a known saving rests on a borrowed figure; a base that stays saves exactly 0, whatever its figure. */
export function isApproximate(estimate: Estimate): boolean {
  return estimate.from.image !== estimate.to.image && (estimate.from.approximate || estimate.to.approximate);
}

/** `~390 MB`, `~1.1 GB`. */
export function formatMB(mb: number): string {
  return mb >= 1000 ? `~${(mb / 1000).toFixed(1)} GB` : `~${Math.round(mb)} MB`;
}

/** Message templates of the estimate notes. */
export const ESTIMATE_MESSAGES = {
  'base-estimate':
    'estimated base image change (published download sizes, compressed; the base only, not the app, and not measured: `verify` measures): {{from}} {{before}} -> {{to}} {{after}}, {{saved}}{{approximate}}',
  'base-estimate-unknown':
    'no estimate of the base image change ({{from}} -> {{to}}): {{missing}} not in the table of published sizes',
  'base-unchanged':
    'the base image stays {{image}}: what the migration saves is what the build leaves behind, which only `verify` measures',
};

const estimateNote = noteMaker(ESTIMATE_MESSAGES);

/** The note that shows an estimate to people. */
export function estimateNotes(estimate: Estimate | null): Note[] {
  if (!estimate) return [];
  const { from, to } = estimate;
  if (from.image === to.image) return [estimateNote('base-unchanged', { image: from.image })];
  if (estimate.savedCompressedMB === null || from.compressedMB === null || to.compressedMB === null) {
    const missing = [from, to].filter((b) => b.compressedMB === null).map((b) => b.image);
    const verb = missing.length > 1 ? 'are' : 'is';
    return [
      estimateNote('base-estimate-unknown', {
        from: from.image,
        to: to.image,
        missing: `${missing.join(' and ')} ${verb}`,
      }),
    ];
  }
  const saved = estimate.savedCompressedMB;
  const approximate =
    from.approximate || to.approximate ? ' (approximate: a figure borrowed from a close tag)' : '';
  return [
    estimateNote('base-estimate', {
      from: from.image,
      before: formatMB(from.compressedMB),
      to: to.image,
      after: formatMB(to.compressedMB),
      saved: saved >= 0 ? `${formatMB(saved)} less to pull` : `${formatMB(-saved)} more to pull`,
      approximate,
    }),
  ];
}
