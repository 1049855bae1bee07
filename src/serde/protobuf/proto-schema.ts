/**
 * The Protobuf schema ksqlDB writes for a set of columns (Connect's ProtobufData): proto3, one
 * message named `ConnectDefault1` (or the configured full name) with a field per column numbered
 * from 1, nested STRUCTs as nested messages `ConnectDefault2`, `ConnectDefault3`, … in order,
 * ARRAYs as repeated fields, MAPs as map fields, DECIMAL as `confluent.type.Decimal` with its
 * precision and scale in `(confluent.field_meta)`, DATE, TIME and TIMESTAMP as `google.type.Date`,
 * `google.type.TimeOfDay` and `google.protobuf.Timestamp`. Scalars can be null only with a
 * nullable representation: `optional` fields or `google.protobuf.*Value` wrappers.
 */
import { UnsupportedError } from '../../common/errors.js';
import type { SqlType } from '../../common/sql-types.js';
import { sqlTypeText } from '../type-text.js';
import type { SerdeColumn } from '../serde.js';

export const DEFAULT_PROTOBUF_MESSAGE = 'ConnectDefault1';

export type NullableRepresentation = 'OPTIONAL' | 'WRAPPER' | undefined;

const WRAPPER_OF: Partial<Record<SqlType['base'], string>> = {
  BOOLEAN: 'google.protobuf.BoolValue',
  INTEGER: 'google.protobuf.Int32Value',
  BIGINT: 'google.protobuf.Int64Value',
  DOUBLE: 'google.protobuf.DoubleValue',
  STRING: 'google.protobuf.StringValue',
  BYTES: 'google.protobuf.BytesValue',
};

const SCALAR_OF: Partial<Record<SqlType['base'], string>> = {
  BOOLEAN: 'bool',
  INTEGER: 'int32',
  BIGINT: 'int64',
  DOUBLE: 'double',
  STRING: 'string',
  BYTES: 'bytes',
};

class Builder {
  private counter = 1;
  readonly imports = new Set<string>();

  constructor(private readonly nullable: NullableRepresentation) {}

  message(name: string, fields: readonly SerdeColumn[], indent: string): string {
    const nested: string[] = [];
    const lines = fields.map(
      (f, i) => `${indent}  ${this.field(f.type, f.name, i + 1, nested, indent + '  ')}`,
    );
    const body = [...lines, ...(nested.length > 0 ? ['', ...nested] : [])];
    return `${indent}message ${name} {\n${body.join('\n')}\n${indent}}`;
  }

  private field(type: SqlType, name: string, n: number, nested: string[], indent: string): string {
    switch (type.base) {
      case 'ARRAY':
        return `repeated ${this.elementType(type.items, nested, indent)} ${name} = ${n};`;
      case 'MAP': {
        if (type.key.base !== 'STRING') {
          throw new UnsupportedError('PROTOBUF format only supports MAP types with STRING keys');
        }
        return `map<string, ${this.elementType(type.value, nested, indent)}> ${name} = ${n};`;
      }
      default: {
        const scalar = SCALAR_OF[type.base];
        if (scalar !== undefined && this.nullable === 'WRAPPER') {
          this.imports.add('google/protobuf/wrappers.proto');
          return `${WRAPPER_OF[type.base]} ${name} = ${n};`;
        }
        const prefix = scalar !== undefined && this.nullable === 'OPTIONAL' ? 'optional ' : '';
        const options = type.base === 'DECIMAL' ? ` ${decimalOptions(type)}` : '';
        return `${prefix}${this.elementType(type, nested, indent)} ${name} = ${n}${options};`;
      }
    }
  }

  /** The type of a field, of an array's items or of a map's values. */
  private elementType(type: SqlType, nested: string[], indent: string): string {
    const scalar = SCALAR_OF[type.base];
    if (scalar !== undefined) return scalar;
    switch (type.base) {
      case 'DECIMAL':
        this.imports.add('confluent/meta.proto');
        this.imports.add('confluent/type/decimal.proto');
        return 'confluent.type.Decimal';
      case 'DATE':
        this.imports.add('google/type/date.proto');
        return 'google.type.Date';
      case 'TIME':
        this.imports.add('google/type/timeofday.proto');
        return 'google.type.TimeOfDay';
      case 'TIMESTAMP':
        this.imports.add('google/protobuf/timestamp.proto');
        return 'google.protobuf.Timestamp';
      case 'STRUCT': {
        const name = `ConnectDefault${++this.counter}`;
        nested.push(this.message(name, type.fields, indent));
        return name;
      }
      default:
        throw new UnsupportedError(
          `The PROTOBUF format cannot nest ${sqlTypeText(type)} in an ARRAY or a MAP`,
        );
    }
  }
}

function decimalOptions(type: { precision: number; scale: number }): string {
  return `[(confluent.field_meta) = { params: [{ key: "precision", value: "${type.precision}" }, { key: "scale", value: "${type.scale}" }] }]`;
}

/** The .proto text for a side's columns. */
export function protoSchemaForColumns(
  columns: readonly SerdeColumn[],
  fullName: string = DEFAULT_PROTOBUF_MESSAGE,
  nullable?: NullableRepresentation,
): string {
  const builder = new Builder(nullable);
  const dot = fullName.lastIndexOf('.');
  const message = builder.message(dot < 0 ? fullName : fullName.slice(dot + 1), columns, '');
  const pkg = dot < 0 ? '' : `package ${fullName.slice(0, dot)};\n\n`;
  const imports = [...builder.imports]
    .sort()
    .map((i) => `import "${i}";\n`)
    .join('');
  return `syntax = "proto3";\n\n${pkg}${imports}${imports ? '\n' : ''}${message}\n`;
}
