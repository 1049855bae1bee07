/**
 * java.net.URI's parser (RFC 2396, as Java implements it), which ksqlDB's URL_* functions use:
 * scheme, opaque or hierarchical part, server-based authority (user info, host, port) falling
 * back to a registry-based one (no host) when it is not a valid server, path, query, fragment.
 * Escapes (`%20`) are checked, and decoded as UTF-8 by the getters that decode. Non-ASCII
 * characters that are neither spaces nor controls are accepted where escapes are, as in Java.
 */

export class UriSyntaxError extends Error {}

export interface JavaUri {
  readonly scheme: string | null;
  readonly userInfo: string | null;
  readonly host: string | null;
  /** -1 when absent. */
  readonly port: number;
  /** Raw (still escaped); null for an opaque URI. */
  readonly rawPath: string | null;
  readonly rawQuery: string | null;
  readonly rawFragment: string | null;
}

const ALPHA = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGIT = '0123456789';
const ALPHANUM = ALPHA + DIGIT;
const UNRESERVED = `${ALPHANUM}-_.!~*'()`;
const URIC = `${UNRESERVED};/?:@&=+$,[]`;
const PATH = `${UNRESERVED}:@&=+$,;/`;
const USERINFO = `${UNRESERVED};:&=+$,`;
const REG_NAME = `${UNRESERVED}$,;:@&=+`;
const SERVER = `${USERINFO}-.:@[]`;
const SCHEME = `${ALPHANUM}+-.`;

export function parseUri(input: string): JavaUri {
  return new UriParser(input).parse();
}

/** Decodes %XX escapes (UTF-8, malformed sequences replaced), as URI's decoding getters do. */
export function decodeUriComponent(raw: string | null): string | null {
  if (raw === null || !raw.includes('%')) return raw;
  const bytes: number[] = [];
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === '%') {
      bytes.push(parseInt(raw.slice(i + 1, i + 3), 16));
      i += 2;
      continue;
    }
    if (bytes.length > 0) out += Buffer.from(bytes.splice(0)).toString('utf8');
    out += raw[i];
  }
  return out + Buffer.from(bytes).toString('utf8');
}

class UriParser {
  private scheme: string | null = null;
  private userInfo: string | null = null;
  private host: string | null = null;
  private port = -1;
  private path: string | null = null;
  private query: string | null = null;
  private fragment: string | null = null;

  constructor(private readonly s: string) {}

  parse(): JavaUri {
    const n = this.s.length;
    let p = this.scanUntil(0, n, '/?#', ':');
    if (p >= 0 && this.s[p] === ':') {
      if (p === 0) this.fail('Expected scheme name', 0);
      if (!ALPHA.includes(this.s[0]!)) this.fail('Illegal character in scheme name', 0);
      this.check(1, p, SCHEME, 'scheme name', false);
      this.scheme = this.s.slice(0, p);
      p++;
      if (this.s[p] === '/') {
        p = this.hierarchical(p, n);
      } else {
        const q = this.scanTo(p, n, '#');
        if (q <= p) this.fail('Expected scheme-specific part', p);
        this.check(p, q, URIC, 'opaque part', true);
        p = q;
      }
    } else {
      p = this.hierarchical(0, n);
    }
    if (this.s[p] === '#') {
      this.check(p + 1, n, URIC, 'fragment', true);
      this.fragment = this.s.slice(p + 1);
      p = n;
    }
    if (p < n) this.fail('Expected end of URI', p);
    return {
      scheme: this.scheme,
      userInfo: this.userInfo,
      host: this.host,
      port: this.port,
      rawPath: this.path,
      rawQuery: this.query,
      rawFragment: this.fragment,
    };
  }

  private hierarchical(start: number, n: number): number {
    let p = start;
    if (this.s.startsWith('//', p)) {
      p += 2;
      const q = this.scanTo(p, n, '/?#');
      if (q > p) p = this.authority(p, q);
      else if (q >= n) this.fail('Expected authority', p);
    }
    const q = this.scanTo(p, n, '?#');
    this.check(p, q, PATH, 'path', true);
    this.path = this.s.slice(p, q);
    p = q;
    if (this.s[p] === '?') {
      p++;
      const end = this.scanTo(p, n, '#');
      this.check(p, end, URIC, 'query', true);
      this.query = this.s.slice(p, end);
      p = end;
    }
    return p;
  }

  private authority(start: number, n: number): number {
    const serverChars = this.allOf(start, n, SERVER);
    const regChars = this.allOf(start, n, REG_NAME);
    if (serverChars) {
      try {
        if (this.server(start, n) === n) return n;
      } catch (error) {
        if (!(error instanceof UriSyntaxError)) throw error;
        if (!regChars) throw error;
      }
      this.userInfo = null;
      this.host = null;
      this.port = -1;
    }
    if (!regChars) this.fail('Illegal character in authority', start);
    return n;
  }

  private server(start: number, n: number): number {
    let p = start;
    const at = this.scanUntil(p, n, '/?#', '@');
    if (at >= p && this.s[at] === '@') {
      this.check(p, at, USERINFO, 'user info', true);
      this.userInfo = this.s.slice(p, at);
      p = at + 1;
    }
    if (this.s[p] === '[') {
      const close = this.s.indexOf(']', p);
      if (close < 0 || close > n) this.fail('Expected closing bracket for IPv6 address', p);
      this.host = this.s.slice(p, close + 1);
      p = close + 1;
    } else {
      p = this.hostname(p, n);
    }
    if (this.s[p] === ':') {
      p++;
      const q = this.scanWhile(p, n, DIGIT);
      if (q > p) {
        this.port = Number(this.s.slice(p, q));
        if (this.port > 2147483647) this.fail('Malformed port number', p);
      }
      p = q;
    }
    if (p < n) this.fail('Expected port number', p);
    return p;
  }

  private hostname(start: number, n: number): number {
    let p = start;
    let lastLabel = -1;
    while (p < n) {
      let q = this.scanWhile(p, n, ALPHANUM);
      if (q <= p) break;
      lastLabel = p;
      p = q;
      q = this.scanWhile(p, n, `${ALPHANUM}-`);
      if (q > p) {
        if (this.s[q - 1] === '-') this.fail('Illegal character in hostname', q - 1);
        p = q;
      }
      if (this.s[p] !== '.') break;
      p++;
    }
    if (p < n && this.s[p] !== ':') this.fail('Illegal character in hostname', p);
    if (lastLabel < 0) this.fail('Expected hostname', start);
    if (
      !isIpv4(this.s.slice(start, p)) &&
      lastLabel > start &&
      !ALPHA.includes(this.s[lastLabel]!)
    ) {
      this.fail('Illegal character in hostname', lastLabel);
    }
    this.host = this.s.slice(start, p);
    return p;
  }

  /** Index of the first `stop` character before any `before` character, or -1. */
  private scanUntil(start: number, n: number, before: string, stop: string): number {
    for (let p = start; p < n; p++) {
      const c = this.s[p]!;
      if (stop.includes(c)) return p;
      if (before.includes(c)) return -1;
    }
    return -1;
  }

  private scanTo(start: number, n: number, stops: string): number {
    let p = start;
    while (p < n && !stops.includes(this.s[p]!)) p++;
    return p;
  }

  private scanWhile(start: number, n: number, allowed: string): number {
    let p = start;
    while (p < n && allowed.includes(this.s[p]!)) p++;
    return p;
  }

  private allOf(start: number, n: number, allowed: string): boolean {
    for (let p = start; p < n; p++) {
      const c = this.s[p]!;
      if (c === '%' ? !this.isEscape(p) : !allowed.includes(c) && !isOther(c)) return false;
      if (c === '%') p += 2;
    }
    return true;
  }

  private check(start: number, end: number, allowed: string, what: string, escapes: boolean): void {
    for (let p = start; p < end; p++) {
      const c = this.s[p]!;
      if (escapes && c === '%') {
        if (!this.isEscape(p)) this.fail('Malformed escape pair', p);
        p += 2;
      } else if (!allowed.includes(c) && !(escapes && isOther(c))) {
        this.fail(`Illegal character in ${what}`, p);
      }
    }
  }

  private isEscape(p: number): boolean {
    return /^%[0-9a-fA-F]{2}/.test(this.s.slice(p, p + 3));
  }

  private fail(reason: string, index: number): never {
    throw new UriSyntaxError(`${reason} at index ${index}: ${this.s}`);
  }
}

function isIpv4(host: string): boolean {
  const parts = host.split('.');
  return parts.length === 4 && parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255);
}

/** A visible non-ASCII character, which Java's URI accepts unescaped. */
function isOther(c: string): boolean {
  const code = c.charCodeAt(0);
  return code >= 0x80 && !/[\p{Zs}\p{Zl}\p{Zp}\p{Cc}]/u.test(c);
}
