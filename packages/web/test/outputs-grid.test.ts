/** The results grid's logic: typed sort keys, sorting, filters, grouping, statistics, the view and selection. */
import test from 'node:test';
import assert from 'node:assert/strict';
import { datetimeKey, sortKey, timespanTicks } from '../src/outputs/grid/values.ts';
import { sortIndexes } from '../src/outputs/grid/sort.ts';
import { filterIndexes } from '../src/outputs/grid/filter.ts';
import { groupRows } from '../src/outputs/grid/group.ts';
import { columnStats } from '../src/outputs/grid/stats.ts';
import { buildView, groupKey } from '../src/outputs/grid/view.ts';
import { clickCell, EMPTY_SELECTION, selectedBlock, selectedCells } from '../src/outputs/grid/selection.ts';
import type { GridData } from '../src/outputs/grid/types.ts';

const data: GridData = {
  columns: [
    { name: 'n', type: 'long' }, { name: 'at', type: 'datetime' }, { name: 'dur', type: 'timespan' },
    { name: 'host', type: 'string' }, { name: 'r', type: 'real' }, { name: 'd', type: 'dynamic' },
  ],
  rows: [
    [10, '2024-03-01T12:00:00Z', '00:00:10', 'web-01', 1.5, { a: 1 }],
    [9, '2024-03-01T12:00:00.5Z', '1.00:00:00', 'db-01', 'NaN', null],
    [null, null, null, '', null, [1, 2]],
    [100, '2024-02-29T23:59:59.9999999Z', '-00:00:01', 'web-02', 'Infinity', 'text'],
    [9, '2024-03-01T12:00:00.0000001Z', '00:01:00', 'web-01', -2, { a: 1 }],
  ],
};

test('sort keys read numbers, datetimes to the tick and timespans by length', () => {
  assert.ok(datetimeKey('2024-03-01T12:00:00Z')! < datetimeKey('2024-03-01T12:00:00.0000001Z')!);
  assert.ok(datetimeKey('2024-03-01T12:00:00.5Z')! > datetimeKey('2024-03-01T12:00:00.4999999Z')!);
  assert.equal(datetimeKey('2024-03-01T13:00:00+01:00'), datetimeKey('2024-03-01T12:00:00Z'));
  assert.equal(datetimeKey('not a date'), undefined);
  assert.equal(timespanTicks('1.02:03:04.5'), ((26 * 60 + 3) * 60 + 4) * 1e7 + 5e6);
  assert.equal(timespanTicks('-00:00:01'), -1e7);
  assert.equal(sortKey('NaN', 'real'), Number.NEGATIVE_INFINITY);
  assert.equal(sortKey('Infinity', 'real'), Number.POSITIVE_INFINITY);
  assert.equal(sortKey('12', 'decimal'), 12);
  assert.equal(sortKey(null, 'long'), undefined);
});

test('sorting is typed: numbers as numbers (10 after 9), nulls first ascending and last descending, stable', () => {
  assert.deepEqual(sortIndexes(data.rows, data.columns, { column: 0, direction: 'asc' }), [2, 1, 4, 0, 3]);
  assert.deepEqual(sortIndexes(data.rows, data.columns, { column: 0, direction: 'desc' }), [3, 0, 1, 4, 2]);
  assert.deepEqual(sortIndexes(data.rows, data.columns, { column: 1, direction: 'asc' }), [2, 3, 0, 4, 1]);
  assert.deepEqual(sortIndexes(data.rows, data.columns, { column: 2, direction: 'asc' }), [2, 3, 0, 4, 1]);
  assert.deepEqual(sortIndexes(data.rows, data.columns, { column: 4, direction: 'asc' }), [2, 1, 4, 0, 3]);
  assert.deepEqual(sortIndexes(data.rows, data.columns, { column: 3, direction: 'asc' }), [2, 1, 0, 4, 3]);
  assert.deepEqual(sortIndexes(data.rows, data.columns, { column: 0, direction: 'asc' }, [4, 1, 0]), [1, 4, 0], 'a subset; ties keep row order')
  assert.throws(() => sortIndexes(data.rows, data.columns, { column: 9, direction: 'asc' }), /no column 9/);
});

test('the global filter needs every word in some cell, case-insensitively', () => {
  assert.deepEqual(filterIndexes(data.rows, data.columns, { text: 'WEB' }), [0, 3, 4]);
  assert.deepEqual(filterIndexes(data.rows, data.columns, { text: 'web 00:01:00' }), [4]);
  assert.deepEqual(filterIndexes(data.rows, data.columns, { text: '"a":1' }), [0, 4]);
  assert.deepEqual(filterIndexes(data.rows, data.columns, { text: '  ' }), [0, 1, 2, 3, 4]);
});

test('column filters compare typed values or match text; null and !null', () => {
  assert.deepEqual(filterIndexes(data.rows, data.columns, { columns: { 0: '> 9' } }), [0, 3]);
  assert.deepEqual(filterIndexes(data.rows, data.columns, { columns: { 0: '= 9' } }), [1, 4]);
  assert.deepEqual(filterIndexes(data.rows, data.columns, { columns: { 0: '!= 9' } }), [0, 2, 3]);
  assert.deepEqual(filterIndexes(data.rows, data.columns, { columns: { 1: '>= 2024-03-01T12:00:00.1Z' } }), [1]);
  assert.deepEqual(filterIndexes(data.rows, data.columns, { columns: { 1: '< 2024-03-01' } }), [3]);
  assert.deepEqual(filterIndexes(data.rows, data.columns, { columns: { 2: '>= 00:01:00' } }), [1, 4]);
  assert.deepEqual(filterIndexes(data.rows, data.columns, { columns: { 3: 'DB' } }), [1]);
  assert.deepEqual(filterIndexes(data.rows, data.columns, { columns: { 3: '> a' } }), [], 'strings take text, not comparisons');
  assert.deepEqual(filterIndexes(data.rows, data.columns, { columns: { 0: 'null' } }), [2]);
  assert.deepEqual(filterIndexes(data.rows, data.columns, { columns: { 3: 'empty' } }), [2]);
  assert.deepEqual(filterIndexes(data.rows, data.columns, { columns: { 0: '!null', 3: 'web' } }), [0, 3, 4]);
  assert.throws(() => filterIndexes(data.rows, data.columns, { columns: { 7: 'x' } }), /no column 7/);
});

test('grouping counts each value, null apart from empty, largest first', () => {
  const g = groupRows(data.rows, data.columns, 3);
  assert.deepEqual(g.map((x) => [x.text, x.count, x.rows]), [['web-01', 2, [0, 4]], ['', 1, [2]], ['db-01', 1, [1]], ['web-02', 1, [3]]]);
  const n = groupRows(data.rows, data.columns, 0);
  assert.deepEqual(n.map((x) => [x.isNull ? null : x.value, x.count]), [[9, 2], [null, 1], [10, 1], [100, 1]]);
  const d = groupRows(data.rows, data.columns, 5);
  assert.equal(d[0]!.text, '{"a":1}');
  assert.equal(d[0]!.count, 2);
});

test('column statistics: counts, distinct, nulls, empties, typed min and max, top values', () => {
  const s = columnStats(data.rows, data.columns, 0);
  assert.deepEqual({ ...s, top: undefined }, { column: 'n', type: 'long', rows: 5, count: 4, distinct: 3, nulls: 1, empties: 0, min: 9, max: 100, top: undefined });
  assert.deepEqual(s.top[0], { text: '9', count: 2 });
  const t = columnStats(data.rows, data.columns, 1);
  assert.equal(t.min, '2024-02-29T23:59:59.9999999Z');
  assert.equal(t.max, '2024-03-01T12:00:00.5Z');
  const h = columnStats(data.rows, data.columns, 3, { indexes: [0, 2, 4] });
  assert.deepEqual([h.rows, h.count, h.distinct, h.empties, h.nulls], [3, 3, 2, 1, 0]);
  const r = columnStats(data.rows, data.columns, 4);
  assert.equal(r.min, 'NaN');
  assert.equal(r.max, 'Infinity');
});

test('the view filters, sorts, then groups with only open groups listing their rows', () => {
  const plain = buildView(data, { filter: { text: 'web' }, sort: { column: 0, direction: 'desc' } });
  assert.deepEqual(plain.rows, [3, 0, 4]);
  assert.deepEqual(plain.lines.map((l) => (l.kind === 'row' ? l.row : -1)), [3, 0, 4]);
  const closed = buildView(data, { filter: {}, groupBy: 3 });
  assert.deepEqual(closed.lines.map((l) => l.kind), ['group', 'group', 'group', 'group']);
  const first = closed.groups![0]!;
  const open = buildView(data, { filter: {}, groupBy: 3, sort: { column: 0, direction: 'desc' }, expanded: new Set([groupKey(first)]) });
  assert.deepEqual(open.lines.slice(0, 3).map((l) => (l.kind === 'row' ? l.row : `g:${l.group.text}`)), ['g:web-01', 0, 4]);
});

test('selection: click, toggle, shift-rectangle in display order, as TSV block and as filter cells', () => {
  const order = [3, 0, 4, 1, 2];
  let s = clickCell(EMPTY_SELECTION, 0, 3, {}, order);
  assert.deepEqual([...s.keys], ['0:3']);
  s = clickCell(s, 1, 0, { shift: true }, order);
  assert.deepEqual([...s.keys].sort(), ['0:0', '0:1', '0:2', '0:3', '1:0', '1:1', '1:2', '1:3', '4:0', '4:1', '4:2', '4:3'].sort());
  assert.deepEqual(selectedBlock(s, data, order).map((r) => r[0]), [10, 9, 9]);
  s = clickCell(clickCell(EMPTY_SELECTION, 0, 3, {}, order), 1, 3, { toggle: true }, order);
  assert.deepEqual(selectedCells(s, data).map((c) => [c.column.name, c.value]), [['host', 'web-01'], ['host', 'db-01']]);
  s = clickCell(s, 1, 3, { toggle: true }, order);
  assert.deepEqual([...s.keys], ['0:3']);
});
