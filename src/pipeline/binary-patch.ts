// git's binary patch (`GIT binary patch`: zlib, then base85), for a change whose lines are not UTF-8 text.
import crypto from 'node:crypto';
import zlib from 'node:zlib';

// git's base85 alphabet (base85.c), not Ascii85's.
const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~';

/**
 * The lines after `diff --git` (and `new file mode`) that make `git apply` write `after` byte for byte:
 * the full index line git requires for binary patches, then the new content as a literal.
 */
export function binaryPatchLines(before: Buffer | null, after: Buffer): string[] {
  return [
    `index ${before === null ? '0'.repeat(40) : blobId(before)}..${blobId(after)}`,
    'GIT binary patch',
    `literal ${after.length}`,
    ...base85Lines(zlib.deflateSync(after)),
    '',
  ];
}

/** The id git gives a file's content. */
function blobId(bytes: Buffer): string {
  return crypto.createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

/** 52 bytes a line, led by their count (A-Z: 1-26, a-z: 27-52); each 4 bytes, big-endian, as 5 digits. */
function base85Lines(data: Buffer): string[] {
  const lines: string[] = [];
  for (let start = 0; start < data.length; start += 52) {
    const chunk = data.subarray(start, start + 52);
    let line = String.fromCharCode(chunk.length <= 26 ? 64 + chunk.length : 70 + chunk.length);
    for (let i = 0; i < chunk.length; i += 4) {
      let value = 0;
      for (let k = 0; k < 4; k++) value = value * 256 + (chunk[i + k] ?? 0);
      let group = '';
      for (let k = 0; k < 5; k++, value = Math.floor(value / 85)) group = DIGITS[value % 85] + group;
      line += group;
    }
    lines.push(line);
  }
  return lines;
}
