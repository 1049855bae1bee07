/** Key presses as ink reports them, for driving `pressKey` in tests. */
import type { Key } from 'ink';

const base: Key = {
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

export const key = (k: Partial<Key> = {}): Key => ({ ...base, ...k });
export const ctrl = (letter: string): [string, Key] => [letter, key({ ctrl: true })];
export const ENTER: [string, Key] = ['\r', key({ return: true })];
export const TAB: [string, Key] = ['', key({ tab: true })];
export const UP: [string, Key] = ['', key({ upArrow: true })];
export const DOWN: [string, Key] = ['', key({ downArrow: true })];
export const BACKSPACE: [string, Key] = ['', key({ delete: true })];

/** Escape sequences a terminal sends, for writing to ink's stdin. */
export const TERM = {
  enter: '\r',
  tab: '\t',
  up: '\u001B[A',
  down: '\u001B[B',
  ctrlC: '\u0003',
  ctrlD: '\u0004',
  ctrlR: '\u0012',
  backspace: '\u007F',
};
