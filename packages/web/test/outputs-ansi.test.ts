/** ANSI escapes in stream text and tracebacks: colours and styles as segments, other sequences dropped. */
import test from 'node:test';
import assert from 'node:assert/strict';
import { ansiSegments, color256, stripAnsi } from '../src/outputs/ansi.ts';

test('strip removes SGR, cursor, OSC (title and hyperlink) sequences and keeps the text', () => {
  assert.equal(stripAnsi('\u001b[1;31mError\u001b[0m: \u001b[2Kbad\u001b]0;title\u0007 \u001b]8;;http://x\u001b\\link\u001b]8;;\u001b\\'), 'Error: bad link');
  assert.equal(stripAnsi('no escapes'), 'no escapes');
});

test('segments carry colours (16, 256, truecolour), bold, italic, underline and their resets', () => {
  const s = ansiSegments('a\u001b[31mred\u001b[1m bold\u001b[22m\u001b[39m plain\u001b[38;5;196mX\u001b[48;2;1;2;3mY\u001b[0mZ\u001b[4;3mu\u001b[24;23mv\u001b[94mB');
  assert.deepEqual(s, [
    { text: 'a', style: {} },
    { text: 'red', style: { fg: '#cd3131' } },
    { text: ' bold', style: { fg: '#cd3131', bold: true } },
    { text: ' plain', style: {} },
    { text: 'X', style: { fg: '#ff0000' } },
    { text: 'Y', style: { fg: '#ff0000', bg: '#010203' } },
    { text: 'Z', style: {} },
    { text: 'u', style: { underline: true, italic: true } },
    { text: 'v', style: {} },
    { text: 'B', style: { fg: '#3b8eea' } },
  ]);
});

test('an empty SGR resets; unknown codes and non-SGR sequences change nothing; text with markup stays text', () => {
  assert.deepEqual(ansiSegments('\u001b[32mg\u001b[mn\u001b[5m\u001b[Hx<b>'), [{ text: 'g', style: { fg: '#0dbc79' } }, { text: 'nx<b>', style: {} }]);
});

test('the 256-colour palette', () => {
  assert.equal(color256(1), '#cd3131');
  assert.equal(color256(16), '#000000');
  assert.equal(color256(231), '#ffffff');
  assert.equal(color256(232), '#080808');
  assert.equal(color256(255), '#eeeeee');
  assert.equal(color256(256), undefined);
});
