/**
 * Parses a user function's signature text, `(STRING text, INT n) -> STRING`, into the parameter
 * and return patterns the registry takes (type-pattern.ts checks each pattern). `T...` as the
 * last parameter makes the signature variadic.
 */

export interface SignatureParts {
  readonly params: readonly string[];
  readonly variadic: boolean;
  readonly returns: string;
}

/** Throws an Error saying what is wrong with the text. */
export function parseSignatureText(text: string): SignatureParts {
  const trimmed = text.trim();
  if (!trimmed.startsWith('(')) throw new Error(`signature '${text}' must start with '('`);
  const close = matchingParen(trimmed);
  if (close < 0) throw new Error(`signature '${text}' has no closing ')'`);
  const rest = trimmed.slice(close + 1).trim();
  if (!rest.startsWith('->')) throw new Error(`signature '${text}' needs '-> RETURN_TYPE'`);
  const returns = rest.slice(2).trim();
  if (returns === '') throw new Error(`signature '${text}' has no return type`);
  const inner = trimmed.slice(1, close).trim();
  const params = inner === '' ? [] : splitTopLevel(inner).map((p) => p.trim());
  let variadic = false;
  params.forEach((param, i) => {
    if (param === '') throw new Error(`signature '${text}' has an empty parameter`);
    if (!param.includes('...')) return;
    if (i !== params.length - 1 || !/^[^.]+\.\.\.(\s+\w+)?$/.test(param)) {
      throw new Error(`signature '${text}': only the last parameter may repeat ('TYPE...')`);
    }
    variadic = true;
    params[i] = param.replace('...', ' ').replace(/\s+/g, ' ').trim();
  });
  return { params, variadic, returns };
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
