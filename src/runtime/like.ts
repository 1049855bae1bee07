/**
 * SQL LIKE as ksqlDB: `%` any run, `_` one character, an optional escape character, matched
 * against the whole string, case-sensitively. Patterns are compiled to regexes once and cached.
 */
export function likeMatcher(escape?: string): (value: string, pattern: string) => boolean {
  const cache = new Map<string, RegExp>();
  return (value, pattern) => {
    let re = cache.get(pattern);
    if (!re) {
      re = likeToRegExp(pattern, escape);
      if (cache.size < 1000) cache.set(pattern, re);
    }
    return re.test(value);
  };
}

export function likeToRegExp(pattern: string, escape?: string): RegExp {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (escape !== undefined && ch === escape && i + 1 < pattern.length) {
      out += quote(pattern[++i]!);
    } else if (ch === '%') {
      out += '[\\s\\S]*';
    } else if (ch === '_') {
      out += '[\\s\\S]';
    } else {
      out += quote(ch);
    }
  }
  return new RegExp(`^${out}$`, 'u');
}

function quote(ch: string): string {
  return ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
