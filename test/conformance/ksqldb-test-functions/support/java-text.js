// How Java prints values, for the test functions that return `String.valueOf(x)` or
// `struct.toString()`: Double.toString, BigDecimal.toString, Kafka Connect's Struct.toString and
// java.util's List/Map toString. Kept in a subdirectory: the loader only loads the files directly
// in the extensions directory, so this module is imported, not registered.

/** Java's NullPointerException, for the places where the Java source unboxes or lists a null. */
export function npe(what) {
  return new Error(`NullPointerException: ${what} is null`);
}

/** Guava's ImmutableList.of: refuses null elements. */
export function immutableList(...items) {
  items.forEach((item, i) => {
    if (item === null) throw npe(`element ${i} of ImmutableList.of`);
  });
  return items;
}

/** Double.toString: at least one fractional digit, exponent form outside [1e-3, 1e7). */
export function javaDouble(d) {
  if (Number.isNaN(d)) return 'NaN';
  if (!Number.isFinite(d)) return d > 0 ? 'Infinity' : '-Infinity';
  if (d === 0) return Object.is(d, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(d);
  if (abs >= 1e-3 && abs < 1e7) {
    const s = String(d);
    return s.includes('.') ? s : `${s}.0`;
  }
  const [mantissa, exponent] = d.toExponential().split('e');
  return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${Number(exponent)}`;
}

/** BigDecimal.toString of a decimal.js value held at `scale`: plain, or exponent form. */
export function javaBigDecimal(value, scale) {
  const plain = value.toFixed(scale);
  const negative = plain.startsWith('-');
  const unscaled = plain
    .replace('-', '')
    .replace('.', '')
    .replace(/^0+(?=\d)/, '');
  const adjusted = -scale + (unscaled.length - 1);
  if (scale >= 0 && adjusted >= -6) return plain;
  const digits = unscaled.length > 1 ? `${unscaled[0]}.${unscaled.slice(1)}` : unscaled;
  return `${negative ? '-' : ''}${digits}E${adjusted >= 0 ? '+' : ''}${adjusted}`;
}

/** A SQL value as Java's toString prints its Java counterpart, given its SQL type. */
export function javaText(value, type) {
  if (value === null) return 'null';
  switch (type.base) {
    case 'DOUBLE':
      return javaDouble(value);
    case 'DECIMAL':
      return javaBigDecimal(value, type.scale);
    case 'ARRAY':
      return `[${value.map((v) => javaText(v, type.items)).join(', ')}]`;
    case 'MAP':
      return `{${[...value].map(([k, v]) => `${javaText(k, type.key)}=${javaText(v, type.value)}`).join(', ')}}`;
    case 'STRUCT': {
      // Kafka Connect's Struct.toString: the non-null fields, `name=value`, comma-separated.
      const fields = type.fields
        .filter((f) => value[f.name] !== null && value[f.name] !== undefined)
        .map((f) => `${f.name}=${javaText(value[f.name], f.type)}`);
      return `Struct{${fields.join(',')}}`;
    }
    default:
      return String(value);
  }
}
