// A user transform's answer is checked and copied to plain data; what is wrong with it is said.
import { checkResult } from '../../src/pipeline/transform-result';

const TEXT = 'FROM node:20\nCMD ["node", "x.js"]\n';

describe('checkResult', () => {
  it('copies a good result to plain data: extra fields and note fields dropped', () => {
    const edits = [{ start: 0, end: 0, text: '# a\n', extra: () => 1 }];
    const notes = [
      { id: 'n', message: 'm', reduced: true, extra: 1 },
      { id: 'o', message: 'p' },
    ];
    expect(checkResult({ edits, notes, other: Symbol('x') }, TEXT)).toEqual({
      edits: [{ start: 0, end: 0, text: '# a\n' }],
      notes: [
        { id: 'n', message: 'm', reduced: true },
        { id: 'o', message: 'p' },
      ],
    });
    expect(checkResult({ applicable: false, reason: 'no' }, TEXT)).toEqual({
      applicable: false,
      reason: 'no',
    });
    expect(checkResult({ content: 'FROM x\n' }, TEXT)).toEqual({ content: 'FROM x\n', notes: [] });
  });

  it('insertions at one offset and touching ranges do not overlap', () => {
    const edits = [
      { start: 0, end: 0, text: 'a' },
      { start: 0, end: 0, text: 'b' },
      { start: 0, end: 4, text: 'c' },
      { start: 4, end: 9, text: 'd' },
    ];
    expect(checkResult({ edits, notes: [] }, TEXT)).toEqual({ edits, notes: [] });
  });

  it.each<[string, unknown, string]>([
    ['undefined', undefined, 'not a result object (got undefined)'],
    ['a list', [], 'not a result object (got a list)'],
    ['a string', 'x', 'not a result object (got a string)'],
    ['a promise', Promise.resolve(), 'a promise: transform() must return its result, not a promise'],
    ['no reason', { applicable: false, reason: 3 }, 'applicable: false without a reason'],
    ['no edits', { notes: [] }, 'neither edits (a list) nor content (a string)'],
    ['content not text', { content: null }, 'content that is not a string (got null)'],
    [
      'edit not an object',
      { edits: [7] },
      'edit 0: start and end must be whole numbers (got undefined, undefined)',
    ],
    [
      'a fractional offset',
      { edits: [{ start: 0.5, end: 1, text: '' }] },
      'edit 0: start and end must be whole numbers (got a number, a number)',
    ],
    [
      'start after end',
      { edits: [{ start: 5, end: 4, text: '' }] },
      'edit 0: 5..4 is not a range of the 34-character file',
    ],
    [
      'past the end',
      { edits: [{ start: 0, end: 35, text: '' }] },
      'edit 0: 0..35 is not a range of the 34-character file',
    ],
    [
      'negative',
      { edits: [{ start: -1, end: 0, text: '' }] },
      'edit 0: -1..0 is not a range of the 34-character file',
    ],
    [
      'text not a string',
      { edits: [{ start: 0, end: 0 }] },
      'edit 0: text that is not a string (got undefined)',
    ],
    [
      'overlap',
      {
        edits: [
          { start: 6, end: 9, text: '' },
          { start: 0, end: 7, text: '' },
        ],
      },
      'edits 1 and 0 overlap',
    ],
    ['notes not a list', { edits: [], notes: 'n' }, 'notes that are not a list (got a string)'],
    [
      'a bad note',
      { edits: [], notes: [{ id: 'x', message: 1 }] },
      'note 0: needs an id and a message, both strings',
    ],
  ])('%s', (_name, result, problem) => {
    expect(checkResult(result, TEXT)).toBe(problem);
  });
});
