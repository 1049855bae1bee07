/**
 * The JSONPath subset of EXTRACTJSONFIELD (ksqlDB's JsonPathTokenizer, after Presto's): `$`
 * followed by `.name` and `[index]` or `["name"]` steps. A name runs up to the next `.`, `[`,
 * `]`, quote or blank, so `$.@type` and `$.array[-1]` are valid paths; wildcards and filters are
 * not supported (`*` is just a name).
 */
import { ExecutionError } from '../../../common/errors.js';

export function jsonPathTokens(path: string): string[] {
  let pos = 0;
  const fail = (): never => {
    throw new ExecutionError(`Invalid JSON path: '${path}'`);
  };
  const skipBlanks = (): void => {
    while (pos < path.length && /\s/.test(path[pos]!)) pos++;
  };
  const tryMatch = (c: string): boolean => {
    skipBlanks();
    if (path[pos] !== c) return false;
    pos++;
    return true;
  };
  const unquoted = (): string => {
    skipBlanks();
    const start = pos;
    while (pos < path.length && !/[.[\]"\s]/.test(path[pos]!)) pos++;
    return start === pos ? fail() : path.slice(start, pos);
  };
  if (!tryMatch('$')) fail();
  const tokens: string[] = [];
  for (;;) {
    skipBlanks();
    if (pos >= path.length) return tokens;
    if (tryMatch('.')) {
      tokens.push(unquoted());
    } else if (tryMatch('[')) {
      if (tryMatch('"')) {
        const end = path.indexOf('"', pos);
        if (end < 0) fail();
        tokens.push(path.slice(pos, end));
        pos = end + 1;
      } else {
        tokens.push(unquoted());
      }
      if (!tryMatch(']')) fail();
    } else {
      fail();
    }
  }
}
