/** The %kql / %%kql syntax: options before the query in both spellings, `name <<`, and the errors. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMagic } from '../src/kql/options.ts';
import { KqlMagicError } from '../src/kql/errors.ts';

test('a line magic with every option, both spellings, and an assignment', () => {
  const m = parseMagic('-timeout 30 -display_limit=5 -workspace "my ws" -quiet r << SecurityEvent | take 3', 'line');
  assert.deepEqual(m.options, { timeout: 30, displayLimit: 5, workspace: 'my ws', quiet: true });
  assert.equal(m.assignTo, 'r');
  assert.equal(m.query, 'SecurityEvent | take 3');
  assert.equal(m.queryOffset, '-timeout 30 -display_limit=5 -workspace "my ws" -quiet r << '.length);
});

test('defaults: no timeout, 10,000 rows shown, the environment\'s workspace, displayed', () => {
  const m = parseMagic('print 1', 'line');
  assert.deepEqual(m.options, { displayLimit: 10_000, quiet: false });
  assert.equal(m.assignTo, undefined);
  assert.equal(m.query, 'print 1');
});

test('the %kql / %%kql prefix may be given with the text', () => {
  assert.equal(parseMagic('%kql -timeout=2 print 1', 'line').options.timeout, 2);
  const cell = parseMagic('%%kql -quiet=false events <<\nSecurityEvent\n| take 1\n', 'cell');
  assert.equal(cell.assignTo, 'events');
  assert.equal(cell.options.quiet, false);
  assert.equal(cell.query, 'SecurityEvent\n| take 1');
});

test('a cell: options and `name <<` on the first line only, the query after them', () => {
  const text = ' -display_limit 2 top <<\n  SecurityEvent\n| take 5';
  const m = parseMagic(text, 'cell');
  assert.equal(m.options.displayLimit, 2);
  assert.equal(m.assignTo, 'top');
  assert.equal(m.query, 'SecurityEvent\n| take 5');
  assert.equal(text.slice(m.queryOffset, m.queryOffset + 13), 'SecurityEvent');
  // on a later line `-x` is query text, not an option
  assert.equal(parseMagic('\n-timeout 5', 'cell').query, '-timeout 5');
});

test('an unknown option is an error naming it and listing the options', () => {
  assert.throws(() => parseMagic('-tiemout 5 print 1', 'line'), (e: Error) => {
    assert.ok(e instanceof KqlMagicError);
    assert.match(e.message, /unknown option '-tiemout'/);
    assert.match(e.message, /-timeout, -display_limit, -workspace, -quiet/);
    assert.match(e.message, /^%kql/);
    return true;
  });
  assert.throws(() => parseMagic('-conn=x\nprint 1', 'cell'), /^KqlMagicError: %%kql: unknown option '-conn'/);
});

test('bad or missing option values say which option and what it expects', () => {
  assert.throws(() => parseMagic('-timeout abc print 1', 'line'), /option '-timeout' got 'abc', expected seconds/);
  assert.throws(() => parseMagic('-timeout=-1 print 1', 'line'), /option '-timeout' got '-1'/);
  assert.throws(() => parseMagic('-display_limit 1.5 print 1', 'line'), /option '-display_limit' got '1.5', expected rows/);
  assert.throws(() => parseMagic('-timeout', 'line'), /option '-timeout' needs a value/);
  assert.throws(() => parseMagic('-workspace=', 'line'), /option '-workspace=' needs a value/);
  assert.throws(() => parseMagic('-quiet=maybe print 1', 'line'), /option '-quiet' got 'maybe', expected true or false/);
  assert.throws(() => parseMagic('-workspace "open print 1', 'line'), /not closed on its line/);
});

test('no query, or two assignments, are errors', () => {
  assert.throws(() => parseMagic('r <<   ', 'line'), /%kql: there is no query after 'r <<'/);
  assert.throws(() => parseMagic('-quiet\n\n', 'cell'), /%%kql: there is no query/);
  assert.throws(() => parseMagic('a << b << print 1', 'line'), /two assignments/);
});
