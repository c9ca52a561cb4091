// The review report (`--report markdown FILE`): a table of every service a reviewer can paste into a pull request.
import { formatMB, isApproximate, type FileReport, type Summary } from '../../pipeline/report';
import { printable } from '../../pipeline/quote';

/** Text for a table cell or a list item: one line, no table or HTML syntax of its own. */
function cell(text: string): string {
  return printable(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/\|/g, '\\|')
    .replace(/\s*\n\s*/g, ' ');
}

/** A path or image as code; one holding a backtick is written as text instead. */
const code = (text: string) => (text.includes('`') ? cell(text) : `\`${cell(text)}\``);

/** Notes a reviewer should see in the table besides the reduced-saving ones: a choice about who runs the app. */
const SHOWN = new Set(['user-kept', 'user-option-unused']);

const STATUS: Record<FileReport['status'], string> = {
  migrated: 'migrated',
  unchanged: 'unchanged',
  skipped: 'skipped',
  error: '**error**',
};

/**
 * The report in Markdown: the tally, the estimated base-image saving (labelled as such), one table row per
 * Dockerfile (status, base before -> after, estimated saving, reduced-saving notes or the reason it was left
 * alone), then every migrated file's notes in a collapsed section. The same files give the same bytes.
 */
export function markdownReport(
  files: readonly FileReport[],
  summary: Summary,
  mode: 'dry-run' | 'write' | 'check',
): string {
  const verb = mode === 'write' ? 'migrated' : 'to migrate';
  const done = mode === 'write' ? 'Written in place.' : 'Dry run: nothing was written.';
  const reduced = summary.reduced > 0 ? ` (${summary.reduced} with reduced savings: see the notes)` : '';
  const lines = [
    '# Dockerfile migration review (dockerize-ms)',
    '',
    `**${summary.files} Dockerfile${summary.files === 1 ? '' : 's'}**: ${summary.migrated} ${verb}${reduced}, ` +
      `${summary.unchanged} unchanged, ${summary.skipped} skipped, ${summary.error} error${summary.error === 1 ? '' : 's'}. ${done}`,
    '',
  ];
  const { services, unknown, savedCompressedMB, approximate } = summary.estimate;
  if (services + unknown > 0) {
    // Some figures are borrowed from a close tag; the rows say which.
    const approx = approximate ? ' (approx.)' : '';
    const total =
      services > 0
        ? `**${formatMB(savedCompressedMB)}**${approx} less to pull over ${services} service${services === 1 ? '' : 's'}`
        : 'unknown';
    const rest =
      unknown > 0 ? `; ${unknown} not estimated (base image not in the table of published sizes)` : '';
    lines.push(
      `Estimated base-image saving: ${total}${rest}. This is an estimate from the published download sizes of the base ` +
        'images (compressed, linux/amd64), not a measurement of the images: the app is not in it. `dockerize-ms verify` builds and measures both images.',
      '',
    );
  }
  lines.push(
    '| Service | Status | Base image (before → after) | Estimated saving (base) | Notes |',
    '| --- | --- | --- | --- | --- |',
  );
  for (const file of files) lines.push(row(file));
  const detailed = files.filter((f) => f.status === 'migrated' && f.notes.length > 0);
  if (detailed.length > 0) {
    lines.push('', '<details><summary>Notes per migrated service</summary>', '');
    for (const file of detailed) {
      lines.push(`#### ${code(file.path)}`, '');
      for (const note of file.notes) lines.push(`- ${note.reduced ? '⚠ ' : ''}${cell(note.message)}`);
      lines.push('');
    }
    lines.push('</details>');
  }
  return lines.join('\n') + '\n';
}

function row(file: FileReport): string {
  const estimate = file.estimate;
  const base = estimate ? `${code(estimate.from.image)} → ${code(estimate.to.image)}` : '';
  let saving = '';
  if (estimate) {
    const approximate = isApproximate(estimate) ? ' (approx.)' : '';
    const saved = estimate.savedCompressedMB;
    saving = saved === null ? 'unknown' : saved === 0 ? '0 (same base)' : `${formatMB(saved)}${approximate}`;
  }
  const notes =
    file.status === 'migrated'
      ? file.notes
          .filter((n) => n.reduced || SHOWN.has(n.id))
          .map((n) => `${n.reduced ? '⚠ ' : ''}${cell(n.message)}`)
          .join('<br>')
      : cell(file.reason ?? '');
  return `| ${code(file.path)} | ${STATUS[file.status]} | ${base} | ${saving} | ${notes} |`;
}
