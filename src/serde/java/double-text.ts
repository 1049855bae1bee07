/**
 * DOUBLE values as Java writes and reads them: `Double.toString` (`10.0`, `1.0E7`, `1.0E-4`), which
 * Jackson and commons-csv use to write doubles, and `Double.parseDouble`, with its whitespace
 * trimming, `NaN`/`Infinity`, `d`/`f` suffixes and hexadecimal form.
 */

const MIN_NORMAL = 2.2250738585072014e-308;

/** `Double.toString(d)`: the shortest digits that read back as `d`, in Java's layout. */
export function javaDoubleToString(d: number): string {
  if (Number.isNaN(d)) return 'NaN';
  if (d === Infinity) return 'Infinity';
  if (d === -Infinity) return '-Infinity';
  if (d === 0) return Object.is(d, -0) ? '-0.0' : '0.0';
  const sign = d < 0 ? '-' : '';
  const abs = Math.abs(d);
  let exponential = abs.toExponential();
  if (abs < MIN_NORMAL && !exponential.includes('.')) {
    // Java picks the closer of the one- and two-digit decimals that read back as d.
    const two = abs.toExponential(1);
    if (Number(two) === abs) exponential = two;
  }
  const e = exponential.indexOf('e');
  const digits = exponential.slice(0, e).replace('.', '');
  const exp = Number(exponential.slice(e + 1));
  if (abs >= 1e-3 && abs < 1e7) {
    if (exp >= 0) {
      const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
      return `${sign}${intPart}.${digits.slice(exp + 1) || '0'}`;
    }
    return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  }
  return `${sign}${digits[0]}.${digits.slice(1) || '0'}E${exp}`;
}

const DECIMAL_FLOAT = /^[+-]?(?:NaN|Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[fFdD]?)$/;
const HEX_FLOAT = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?\d+)[fFdD]?$/;
const SUFFIX = /[fFdD]$/;

/** Java's `String.trim()`: strips every char up to and including U+0020 from both ends. */
export function javaTrim(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && s.charCodeAt(start) <= 32) start++;
  while (end > start && s.charCodeAt(end - 1) <= 32) end--;
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

/** `Double.parseDouble(s)`, or null where Java throws NumberFormatException. */
export function parseJavaDouble(s: string): number | null {
  const t = javaTrim(s);
  if (DECIMAL_FLOAT.test(t)) {
    const body = SUFFIX.test(t) ? t.slice(0, -1) : t;
    return Number(body);
  }
  const hex = HEX_FLOAT.exec(t);
  if (hex === null) return null;
  const intDigits = hex[2] ?? '';
  const fracDigits = hex[3] ?? '';
  if (intDigits.length + fracDigits.length === 0) return null;
  const mantissa = Number(BigInt(`0x${intDigits}${fracDigits}`));
  const value = mantissa * 2 ** (Number(hex[4]) - 4 * fracDigits.length);
  return hex[1] === '-' ? -value : value;
}

/** The message of the NumberFormatException `Double.parseDouble(s)` throws. */
export function parseDoubleMessage(s: string): string {
  const t = javaTrim(s);
  return t === '' ? 'empty String' : `For input string: "${t}"`;
}
