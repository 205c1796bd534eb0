/** The scalar range(start, stop [, step]) function: a dynamic array. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { value, rows } from './helpers.ts';

test('numbers: inclusive stop, default step 1, negative steps, reals', async () => {
  assert.deepEqual(await value(`print range(2, 11, 4)`), [2, 6, 10]);
  assert.deepEqual(await value(`print range(4, 6)`), [4, 5, 6]);
  assert.deepEqual(await value(`print range(3, -3, -3)`), [3, 0, -3]);
  assert.deepEqual(await value(`print range(0.5, 2.0, 0.75)`), [0.5, 1.25, 2]);
});

test('timespans and datetimes (default step one hour)', async () => {
  assert.deepEqual(await value(`print range(30m, 2h)`), ['00:30:00', '01:30:00']);
  assert.deepEqual(await value(`print range(datetime(2024-02-28), datetime(2024-03-01), 1d)`), ['2024-02-28T00:00:00.0000000Z', '2024-02-29T00:00:00.0000000Z', '2024-03-01T00:00:00.0000000Z']);
});

test('a zero step or a null bound gives null; the array is capped at 1,048,576 elements', async () => {
  assert.equal(await value(`print range(1, 5, 0)`), null);
  assert.equal(await value(`print range(1, long(null))`), null);
  assert.deepEqual(await rows(`print n = array_length(range(1, 5000000000))`), [[1048576]]);
  assert.deepEqual(await rows(`print r = range(1, 4) | mv-expand r to typeof(long) | summarize sum(r)`), [[10]]);
});
