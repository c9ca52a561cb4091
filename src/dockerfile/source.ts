// Bytes -> Dockerfile text, remembering the BOM and line ending so they are written back as found.
import { InputError } from '../errors';
import { closeOpenContinuation } from './gate';

export type Eol = '\n' | '\r\n';

export interface SourceText {
  /** The text without its BOM. */
  text: string;
  bom: boolean;
  /** The line ending most lines use; generated lines use it too. */
  eol: Eol;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];
/**
 * Real Dockerfiles are a few kilobytes; reading one costs about 5 s and 500 MB per megabyte of
 * instructions, so anything larger is refused rather than left to exhaust a run.
 */
export const MAX_DOCKERFILE_BYTES = 1024 * 1024;
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
  if (bytes.length > MAX_DOCKERFILE_BYTES) {
    throw new InputError(
      `file of ${(bytes.length / 1024 / 1024).toFixed(1)} MB: Dockerfiles over 1 MB are not read (a limit of this tool)`,
    );
  }
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
  // A continuation left open at the end would swallow any line added after it; Docker reads the file
  // the same without it, so it goes (the change shows in the diff only when the file is migrated).
  return { text: closeOpenContinuation(text), bom, eol: crlf > lf ? '\r\n' : '\n' };
}

/** The bytes to write back for `text`, with the BOM the source had. */
export function encodeSource(text: string, bom: boolean): Buffer {
  return Buffer.from(bom ? '\ufeff' + text : text, 'utf8');
}

/** Rewrites every line break in generated text to the file's own line ending. */
export function withEol(text: string, eol: Eol): string {
  return eol === '\n' ? text.replace(/\r\n/g, '\n') : text.replace(/\r?\n/g, '\r\n');
}
