/**
 * Whether what was typed is ready to run when Enter is pressed: it ends with `;` outside string
 * literals, quoted identifiers and comments (a `--` comment after the `;` is fine), or it is one
 * of the shell's own words (`exit`, `quit`, `help`, `clear`).
 */

/** The shell's own commands, which need no `;`. */
export type ShellCommand = 'exit' | 'help' | 'clear';

export function shellCommand(text: string): ShellCommand | undefined {
  const word = text.trim().replace(/;$/, '').trim().toLowerCase();
  if (word === 'exit' || word === 'quit') return 'exit';
  if (word === 'help' || word === '?') return 'help';
  if (word === 'clear') return 'clear';
  return undefined;
}

/** True when the text is empty or only comments: Enter just shows a new prompt. */
export function isBlank(text: string): boolean {
  return stripComments(text).trim() === '';
}

export function isComplete(text: string): boolean {
  if (shellCommand(text) !== undefined) return true;
  let lastSignificant = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '-' && text[i + 1] === '-') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (ch === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      if (close < 0) return false;
      i = close + 2;
      continue;
    }
    if (ch === "'" || ch === '`' || ch === '"') {
      let j = i + 1;
      for (;;) {
        if (j >= text.length) return false;
        if (text[j] === ch) {
          if (text[j + 1] === ch) {
            j += 2;
            continue;
          }
          break;
        }
        j++;
      }
      lastSignificant = ch;
      i = j + 1;
      continue;
    }
    if (!/\s/.test(ch)) lastSignificant = ch;
    i++;
  }
  return lastSignificant === ';';
}

function stripComments(text: string): string {
  return text.replace(/--[^\n]*/g, '').replace(/\/\*[\s\S]*?(\*\/|$)/g, '');
}
