// The --json report written as it goes, byte for byte what JSON.stringify(report, null, 2) would print.
import type { FileReport, Summary } from '../../pipeline/report';

const indent = (json: string, spaces: number) => json.replace(/\n/g, '\n' + ' '.repeat(spaces));

/** Writes `{ "files": [...], "summary": {...} }` one entry at a time, so no run holds the whole report. */
export function jsonReportWriter(write: (text: string) => void) {
  let count = 0;
  return {
    file(report: FileReport): void {
      write(
        (count++ === 0 ? '{\n  "files": [\n    ' : ',\n    ') + indent(JSON.stringify(report, null, 2), 4),
      );
    },
    end(summary: Summary): void {
      const head = count === 0 ? '{\n  "files": [],\n' : '\n  ],\n';
      write(`${head}  "summary": ${indent(JSON.stringify(summary, null, 2), 2)}\n}\n`);
    },
  };
}
