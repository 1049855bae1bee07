/**
 * Parses a user function's signature text, `(STRING text, INT n) -> STRING`, into the parameter
 * and return patterns the registry takes (type-pattern.ts checks each pattern). `T...` makes that
 * parameter repeat (one per signature); an aggregate's `initArgs` is a parameter list alone,
 * `(INT seed, STRING... names)`.
 */

export interface ParamList {
  readonly params: readonly string[];
  /** The index of the repeating parameter, or -1. */
  readonly variadicAt: number;
}

export interface SignatureParts extends ParamList {
  readonly returns: string;
}

/** Throws an Error saying what is wrong with the text. */
export function parseSignatureText(text: string): SignatureParts {
  const trimmed = text.trim();
  const close = openList(trimmed, text);
  const rest = trimmed.slice(close + 1).trim();
  if (!rest.startsWith('->')) throw new Error(`signature '${text}' needs '-> RETURN_TYPE'`);
  const returns = rest.slice(2).trim();
  if (returns === '') throw new Error(`signature '${text}' has no return type`);
  return { ...paramList(trimmed.slice(1, close), text), returns };
}

/** A parameter list without a return type: `(INT seed, STRING... names)`. */
export function parseParamListText(text: string): ParamList {
  const trimmed = text.trim();
  const close = openList(trimmed, text);
  if (trimmed.slice(close + 1).trim() !== '') {
    throw new Error(`parameter list '${text}' has text after its ')'`);
  }
  return paramList(trimmed.slice(1, close), text);
}

function openList(trimmed: string, text: string): number {
  if (!trimmed.startsWith('(')) throw new Error(`signature '${text}' must start with '('`);
  const close = matchingParen(trimmed);
  if (close < 0) throw new Error(`signature '${text}' has no closing ')'`);
  return close;
}

function paramList(inner: string, text: string): ParamList {
  const params = inner.trim() === '' ? [] : splitTopLevel(inner).map((p) => p.trim());
  let variadicAt = -1;
  params.forEach((param, i) => {
    if (param === '') throw new Error(`signature '${text}' has an empty parameter`);
    if (!param.includes('...')) return;
    if (variadicAt >= 0 || !/^[^.]+\.\.\.(\s+\w+)?$/.test(param)) {
      throw new Error(`signature '${text}': only one parameter may repeat ('TYPE...')`);
    }
    variadicAt = i;
    params[i] = param.replace('...', ' ').replace(/\s+/g, ' ').trim();
  });
  return { params, variadicAt };
}

function matchingParen(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}

/** Splits at commas outside `<…>` and `(…)`: `STRUCT<A INT, B INT>, DECIMAL(4, 2)`. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '<' || c === '(') depth++;
    else if (c === '>' && text[i - 1] !== '=' && text[i - 1] !== '-') depth--;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}
