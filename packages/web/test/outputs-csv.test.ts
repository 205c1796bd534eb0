/** CSV export (RFC 4180) and TSV copy of the grid, read back by an independent RFC 4180 parser written here. */
import test from 'node:test';
import assert from 'node:assert/strict';
import { exportFileName, toCsv, toTsv } from '../src/outputs/grid/csv.ts';

/** A strict RFC 4180 reader: fields separated by `sep`, records by CRLF, quoted fields with "" for ". */
function parseDelimited(text: string, sep: string): string[][] {
  const records: string[][] = [];
  let fields: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') { field += '"'; i += 2; continue; }
          i++;
          break;
        }
        field += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== sep && text[i] !== '\r' && text[i] !== '\n' && text[i] !== '"') field += text[i++];
      if (text[i] === '"') throw new Error(`a quote inside an unquoted field at ${i}`);
    }
    fields.push(field);
    if (text[i] === sep) { i++; continue; }
    if (text.startsWith('\r\n', i)) { i += 2; records.push(fields); fields = []; continue; }
    if (i >= text.length) { records.push(fields); break; }
    throw new Error(`unexpected ${JSON.stringify(text[i])} at ${i}`);
  }
  return records;
}

const columns = [{ name: 'id', type: 'long' }, { name: 'text, "quoted"', type: 'string' }, { name: 'd', type: 'dynamic' }];
const rows = [
  [1, 'plain', { a: 'b,c' }],
  [2, 'comma, here', null],
  [3, 'quote " inside', [1, 2]],
  [4, 'line\r\nbreak and\nlf', 'x'],
  [5, '', true],
  [6, '=cmd|"/c calc"!A1', 'tab\there'],
];

test('CSV: header, CRLF after each record, fields quoted only when needed, quotes doubled, values exact', () => {
  const csv = toCsv(columns, rows);
  assert.ok(csv.endsWith('\r\n'));
  assert.equal(csv.split('\r\n')[0], 'id,"text, ""quoted""",d');
  assert.equal(csv.split('\r\n')[1], '1,plain,"{""a"":""b,c""}"');
  assert.equal(csv.split('\r\n')[2], '2,"comma, here",');
  const back = parseDelimited(csv, ',');
  assert.deepEqual(back, [
    ['id', 'text, "quoted"', 'd'],
    ['1', 'plain', '{"a":"b,c"}'],
    ['2', 'comma, here', ''],
    ['3', 'quote " inside', '[1,2]'],
    ['4', 'line\r\nbreak and\nlf', 'x'],
    ['5', '', 'true'],
    ['6', '=cmd|"/c calc"!A1', 'tab\there'],
  ]);
});

test('CSV for spreadsheets: text that a spreadsheet would run as a formula gets a leading apostrophe; numbers and other text stay exact', () => {
  const back = parseDelimited(toCsv(columns, [...rows, [7, '-2+3', '@SUM(A1)'], [-8, '+1', '\tlead']], undefined, { safeForSpreadsheets: true }), ',');
  assert.deepEqual(back.slice(1).map((r) => r[1]), ['plain', 'comma, here', 'quote " inside', 'line\r\nbreak and\nlf', '', `'=cmd|"/c calc"!A1`, `'-2+3`, `'+1`]);
  assert.deepEqual(back.slice(1).map((r) => r[0]), ['1', '2', '3', '4', '5', '6', '7', '-8'], 'numbers are not text: -8 stays');
  assert.equal(back[7]![2], `'@SUM(A1)`);
  assert.equal(back[8]![2], `'\tlead`, 'a leading tab counts too');
});

test('CSV of some rows in a given order (the grid exports what it shows)', () => {
  assert.deepEqual(parseDelimited(toCsv(columns, rows, [4, 0]), ',').map((r) => r[0]), ['id', '5', '1']);
  assert.equal(toCsv(columns, [], []), 'id,"text, ""quoted""",d\r\n');
});

test('TSV: tabs between cells, fields with tabs, quotes or line breaks quoted', () => {
  const tsv = toTsv([['a', 'b\tc', null], [1.5, 'say "hi"', 'two\nlines']]);
  assert.equal(tsv, 'a\t"b\tc"\t\r\n1.5\t"say ""hi"""\t"two\nlines"');
  assert.deepEqual(parseDelimited(tsv, '\t'), [['a', 'b\tc', ''], ['1.5', 'say "hi"', 'two\nlines']]);
});

test('export file names drop what file systems refuse', () => {
  assert.equal(exportFileName('SigninLogs | take 10', 'csv'), 'SigninLogs _ take 10.csv');
  assert.equal(exportFileName('../../etc/passwd', 'csv'), '_.._etc_passwd.csv');
  assert.equal(exportFileName('...', 'csv'), 'results.csv');
});
