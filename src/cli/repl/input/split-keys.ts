/**
 * Splits input that arrived in one chunk into keys. ink hands a chunk without escape sequences to
 * the app whole (that is how it reports pastes), so keys typed quickly (or sent by tmux) such as
 * Ctrl-C followed by text come as one string; control characters in it are keys of their own.
 * Runs of text, newlines included, stay together: the prompt treats them as a paste.
 */
import type { Key } from 'ink';

const NO_KEY: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

/** The key a lone control character stands for, as ink would report it. */
function controlKey(ch: string): [string, Key] {
  if (ch === '\t') return ['', { ...NO_KEY, tab: true }];
  if (ch === '\x7f') return ['', { ...NO_KEY, delete: true }];
  if (ch === '\b') return ['', { ...NO_KEY, backspace: true }];
  const letter = String.fromCharCode(ch.charCodeAt(0) + 96);
  return [letter, { ...NO_KEY, ctrl: true }];
}

export function splitKeys(input: string, key: Key): [string, Key][] {
  // eslint-disable-next-line no-control-regex
  if (input.length <= 1 || !/[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f]/.test(input)) {
    return [[input, key]];
  }
  const out: [string, Key][] = [];
  let text = '';
  for (const ch of input) {
    const code = ch.charCodeAt(0);
    if (ch === '\r' || ch === '\n' || (code >= 0x20 && code !== 0x7f)) {
      text += ch;
      continue;
    }
    if (text !== '') out.push([text, { ...NO_KEY }]);
    text = '';
    out.push(controlKey(ch));
  }
  if (text !== '') out.push([text, { ...NO_KEY }]);
  return out;
}
