// The CSV fault scanner on text: physical lines, not rows, even after quoted fields with newlines.
import { describe, expect, it } from 'vitest';
import { CsvScanner, type CsvScanDialect } from './csvScan.js';

const D: CsvScanDialect = { delimiter: ',', quote: '"', escape: '"', comment: '', skip: 0, header: true };

function scan(text: string, d: Partial<CsvScanDialect> = {}, chunk = 3) {
  const s = new CsvScanner({ ...D, ...d });
  for (let i = 0; i < text.length; i += chunk) {
    const f = s.push(text.slice(i, i + chunk));
    if (f) return f;
  }
  return s.end();
}

describe('CsvScanner', () => {
  it('accepts a valid file: quoted newlines, doubled quotes, CRLF, comments and blank lines', () => {
    expect(scan('a,b\r\n"x\ny",2\r\n"say ""hi""",3\n\n# note\n4,5\n', { comment: '#' })).toBeUndefined();
  });

  it('names the physical line of a row with too many fields after a multi-line quoted field', () => {
    expect(scan('a,b\n"one\ntwo\nthree",1\n2,3\n4,5,6\n')).toEqual({
      line: 6,
      what: 'TOO MANY COLUMNS: 3 fields where the header has 2',
    });
    expect(scan('a,b,c\n1,2\n')).toEqual({
      line: 2,
      what: 'TOO FEW COLUMNS: 2 fields where the header has 3',
    });
  });

  it('an unclosed quote is named at the line where its row starts', () => {
    expect(scan('a,b\n1,2\n3,"4\n5,6\n')).toEqual({
      line: 3,
      what: 'unclosed quote: the field quoted on line 3 never ends',
    });
    expect(scan('a,b\n1,"2\n"3,4\n')).toEqual({
      line: 2,
      what: 'unclosed quote: the field quoted on line 2 runs on to line 3',
    });
  });

  it('a stray quote inside an unquoted field, or text after a closing quote', () => {
    expect(scan('a,b\n1,2\n3,4"5\n')).toEqual({
      line: 3,
      what: 'stray quote: a " inside a field that is not quoted',
    });
    expect(scan('a,b\n"1"x,2\n')).toEqual({
      line: 2,
      what: 'stray quote: "x" after the closing " of a field',
    });
    expect(scan('a,b\n3,4"5\n', { quote: '' })).toBeUndefined();
  });
});
