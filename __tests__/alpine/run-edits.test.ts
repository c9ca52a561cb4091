import { removeRange, replaceRange } from '../../src/dockerfile/edits';
import { editRun, joinRemovals } from '../../src/alpine/run-edits';

describe('joinRemovals', () => {
  it('makes removals that share blanks one removal and leaves other edits alone', () => {
    expect(joinRemovals([removeRange(10, 14), replaceRange(0, 3, 'x'), removeRange(8, 11)])).toEqual([
      replaceRange(0, 3, 'x'),
      removeRange(8, 14),
    ]);
    expect(joinRemovals([replaceRange(4, 8, 'a'), replaceRange(6, 9, 'b')])).toHaveLength(2);
  });
});

describe('editRun', () => {
  const ins = 'RUN apt-get install -y \\\n    curl \\\n    git';

  it('applies edits and drops the continuation lines they leave empty', () => {
    const curl = ins.indexOf('curl');
    const edits = [
      replaceRange(4, ins.indexOf(' -y'), 'apk add --no-cache'),
      removeRange(ins.indexOf(' -y'), ins.indexOf(' \\')),
      removeRange(ins.lastIndexOf('\n', curl), curl + 'curl \\'.length),
    ];
    expect(editRun(ins, edits, '\\')).toBe('RUN apk add --no-cache \\\n    git');
  });

  it('gives null, not a merge, for edits that overlap', () => {
    expect(editRun(ins, [replaceRange(4, 11, 'apk'), replaceRange(8, 19, 'add')], '\\')).toBeNull();
  });

  it("is '' when only the keyword is left", () => {
    expect(editRun('RUN apt-get update', [removeRange(3, 18)], '\\')).toBe('');
  });
});
