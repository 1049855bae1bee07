/**
 * Values rendered as the `toString()` of the Java objects ksqlDB holds, which is what stream-lib
 * hashes for types it has no direct hash for (BOOLEAN, DECIMAL, dates and times, collections).
 * Dates and times render in UTC (ksqlDB renders them in the JVM's zone); map entries are sorted
 * by key, where Java prints them in hash order; BYTES render as base64, where Java prints a
 * buffer's position and size only (which would make all buffers of one length equal).
 */
import { Decimal } from './decimal.js';
import type { SqlType } from '../../../../common/sql-types.js';

const Wide = Decimal.clone({ precision: 1000 });

export function javaText(value: unknown, type: SqlType): string {
  if (value === null || value === undefined) return 'null';
  switch (type.base) {
    case 'DOUBLE':
      return javaDoubleText(value as number);
    case 'DECIMAL':
      return javaDecimalText(value as Decimal, type.scale);
    case 'TIMESTAMP':
      return javaTimestampText(value as number);
    case 'DATE':
      return new Date((value as number) * 86_400_000).toISOString().slice(0, 10);
    case 'TIME':
      return new Date(value as number).toISOString().slice(11, 19);
    case 'BYTES':
      return Buffer.from(value as Uint8Array).toString('base64');
    case 'ARRAY':
      return `[${(value as unknown[]).map((v) => javaText(v, type.items)).join(', ')}]`;
    case 'MAP': {
      const entries = [...(value as Map<unknown, unknown>)].map(
        ([k, v]) => `${javaText(k, type.key)}=${javaText(v, type.value)}`,
      );
      return `{${entries.sort().join(', ')}}`;
    }
    case 'STRUCT': {
      const record = value as Record<string, unknown>;
      const fields = type.fields
        .filter((field) => record[field.name] !== null && record[field.name] !== undefined)
        .map((field) => `${field.name}=${javaText(record[field.name], field.type)}`);
      return `Struct{${fields.join(',')}}`;
    }
    default:
      return String(value);
  }
}

/** `Double.toString`: shortest digits, plain in [1e-3, 1e7), else `d.dddE±n`. */
export function javaDoubleText(value: number): string {
  if (!Number.isFinite(value))
    return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    const text = String(value);
    return text.includes('.') ? text : `${text}.0`;
  }
  const [mantissa, exponent] = value.toExponential().split('e') as [string, string];
  const digits = mantissa.includes('.') ? mantissa : `${mantissa}.0`;
  return `${digits}E${Number(exponent)}`;
}

/** `BigDecimal.toString()` of a value held at `scale`. */
export function javaDecimalText(value: Decimal, scale: number): string {
  const unscaled = new Wide(value).times(new Wide(10).pow(scale)).toFixed(0);
  const negative = unscaled.startsWith('-');
  const coefficient = negative ? unscaled.slice(1) : unscaled;
  const adjusted = coefficient.length - 1 - scale;
  const sign = negative ? '-' : '';
  if (adjusted >= -6) {
    if (scale === 0) return sign + coefficient;
    const padded = coefficient.padStart(scale + 1, '0');
    return `${sign}${padded.slice(0, -scale)}.${padded.slice(-scale)}`;
  }
  const head = coefficient.length > 1 ? `${coefficient[0]}.${coefficient.slice(1)}` : coefficient;
  return `${sign}${head}E${adjusted}`;
}

/** `java.sql.Timestamp.toString()`: `yyyy-mm-dd hh:mm:ss.f` with nanos trimmed of zeros. */
function javaTimestampText(millis: number): string {
  const iso = new Date(millis).toISOString();
  const fraction = iso.slice(20, 23).replace(/0+$/, '');
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}.${fraction || '0'}`;
}
