/** Control characters in user text are shown escaped on a terminal; everything else is kept. */
import { describe, expect, it } from 'vitest';
import { terminalJson, terminalText } from './terminalText.ts';

describe('terminalText', () => {
  it.each([
    { name: 'CSI clear screen', text: '\x1b[2J\x1b[H', shown: '\\x1b[2J\\x1b[H' },
    { name: 'OSC 8 hyperlink', text: '\x1b]8;;http://evil.example\x07click\x1b]8;;\x07', shown: '\\x1b]8;;http://evil.example\\x07click\\x1b]8;;\\x07' },
    { name: 'OSC window title with ST', text: '\x1b]0;pwned\x1b\\', shown: '\\x1b]0;pwned\\x1b\\' },
    { name: 'C1 CSI', text: '7\u009b31m', shown: '7\\x9b31m' },
    { name: 'carriage return overwrite', text: 'ok\rFAKE', shown: 'ok\\x0dFAKE' },
    { name: 'NUL, backspace, DEL', text: 'a\x00b\x08c\x7f', shown: 'a\\x00b\\x08c\\x7f' },
    { name: 'bidi override', text: 'abc\u202edcba', shown: 'abc\\u202edcba' },
    { name: 'line feed and tab kept', text: 'line 1\n\tline 2\n', shown: 'line 1\n\tline 2\n' },
    { name: 'plain and non-Latin text kept', text: 'Linen shirt — 亚麻衬衫 ✓', shown: 'Linen shirt — 亚麻衬衫 ✓' },
    { name: 'empty', text: '', shown: '' },
  ])('$name', ({ text, shown }) => {
    expect(terminalText(text)).toBe(shown);
  });
});

describe('terminalJson', () => {
  it.each([
    { name: 'C0 already escaped by JSON', value: '\x1b[2J', json: '"\\u001b[2J"' },
    { name: 'C1 CSI', value: '7\u009b31m', json: '"7\\u009b31m"' },
    { name: 'DEL and bidi override', value: 'a\x7fb\u202e', json: '"a\\u007fb\\u202e"' },
    { name: 'plain', value: 'wool — 羊毛', json: '"wool — 羊毛"' },
  ])('$name', ({ value, json }) => {
    const text = terminalJson(JSON.stringify({ message: value }));
    expect(text).toBe(`{"message":${json}}`);
    expect(JSON.parse(text).message).toBe(value);
  });
});
