// Bytes -> Dockerfile text, remembering the BOM and line ending so they are written back as found.
import { InputError } from '../errors';

export type Eol = '\n' | '\r\n';

export interface SourceText {
  /** The text without its BOM. */
  text: string;
  bom: boolean;
  /** The line ending most lines use; generated lines use it too. */
  eol: Eol;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decodes a Dockerfile's bytes; throws InputError for input the tool cannot safely edit. */
export function decodeSource(bytes: Uint8Array): SourceText {
  if (
    bytes.length >= 2 &&
    ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
  ) {
    throw new InputError('file is UTF-16 encoded; save it as UTF-8');
  }
  if (bytes.subarray(0, 8192).includes(0)) throw new InputError('binary file, not a Dockerfile');
  const bom = UTF8_BOM.every((b, i) => bytes[i] === b);
  let text: string;
  try {
    text = utf8.decode(bom ? bytes.subarray(3) : bytes);
  } catch {
    throw new InputError('file is not valid UTF-8 text');
  }
  if (text.trim() === '') throw new InputError('file is empty');
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const lf = (text.match(/\n/g) ?? []).length - crlf;
  // dockerfile-ast reads a lone CR as part of a line, so such a file cannot be edited by offset.
  if (/\r(?!\n)/.test(text)) throw new InputError('file uses CR-only line endings, which are not supported');
  return { text, bom, eol: crlf > lf ? '\r\n' : '\n' };
}

/** The bytes to write back for `text`, with the BOM the source had. */
export function encodeSource(text: string, bom: boolean): Buffer {
  return Buffer.from(bom ? '\ufeff' + text : text, 'utf8');
}

/** Rewrites every line break in generated text to the file's own line ending. */
export function withEol(text: string, eol: Eol): string {
  return eol === '\n' ? text.replace(/\r\n/g, '\n') : text.replace(/\r?\n/g, '\r\n');
}
