import { decodeSource, encodeSource, withEol } from '../../src/dockerfile/source';

describe('decodeSource', () => {
  it('keeps the BOM and the line ending the file uses', () => {
    const crlf = decodeSource(Buffer.from('\ufeffFROM node\r\nRUN x\r\n', 'utf8'));
    expect(crlf).toEqual({ text: 'FROM node\r\nRUN x\r\n', bom: true, eol: '\r\n' });
    expect(
      encodeSource(crlf.text, crlf.bom).equals(Buffer.from('\ufeffFROM node\r\nRUN x\r\n', 'utf8')),
    ).toBe(true);
    expect(decodeSource(Buffer.from('FROM node\nRUN x\n'))).toEqual({
      text: 'FROM node\nRUN x\n',
      bom: false,
      eol: '\n',
    });
  });

  it.each([
    ['binary', Buffer.from([0x46, 0x00, 0x4f]), /binary/],
    ['empty', Buffer.from('  \n\n'), /empty/],
    ['latin-1', Buffer.from('FROM caf\xe9\n', 'latin1'), /not valid UTF-8/],
    ['UTF-16', Buffer.from('\ufeffFROM x', 'utf16le'), /UTF-16/],
    ['CR-only', Buffer.from('FROM x\rRUN y\r'), /CR-only/],
  ])('rejects %s input with a reason', (_name, bytes, reason) => {
    expect(() => decodeSource(bytes)).toThrow(reason);
  });
});

describe('withEol', () => {
  it('writes generated lines with the file ending, without doubling existing CRs', () => {
    expect(withEol('a\nb\r\nc\n', '\r\n')).toBe('a\r\nb\r\nc\r\n');
    expect(withEol('a\r\nb\n', '\n')).toBe('a\nb\n');
  });
});
