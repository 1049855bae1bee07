/**
 * The .proto files that Confluent's Protobuf schemas import without registering them: Confluent's
 * decimal and field metadata, and Google's date and time-of-day types (the well-known
 * `google/protobuf/*` files come with protobufjs).
 */

export const BUILTIN_PROTO_FILES: ReadonlyMap<string, string> = new Map([
  [
    'confluent/type/decimal.proto',
    `syntax = "proto3";
package confluent.type;
message Decimal {
  bytes value = 1;
  uint32 precision = 2;
  int32 scale = 3;
}`,
  ],
  [
    'confluent/meta.proto',
    `syntax = "proto3";
package confluent;
message Meta {
  string doc = 1;
  map<string, string> params = 2;
  repeated string tags = 3;
}`,
  ],
  [
    'google/type/date.proto',
    `syntax = "proto3";
package google.type;
message Date {
  int32 year = 1;
  int32 month = 2;
  int32 day = 3;
}`,
  ],
  [
    'google/type/timeofday.proto',
    `syntax = "proto3";
package google.type;
message TimeOfDay {
  int32 hours = 1;
  int32 minutes = 2;
  int32 seconds = 3;
  int32 nanos = 4;
}`,
  ],
]);

/** Full names of the message types streamsql maps to SQL types other than STRUCT. */
export const WELL_KNOWN = {
  timestamp: 'google.protobuf.Timestamp',
  date: 'google.type.Date',
  time: 'google.type.TimeOfDay',
  decimal: 'confluent.type.Decimal',
} as const;

/** Wrapper message → the scalar type it wraps. */
export const WRAPPERS: ReadonlyMap<string, string> = new Map([
  ['google.protobuf.DoubleValue', 'double'],
  ['google.protobuf.FloatValue', 'float'],
  ['google.protobuf.Int64Value', 'int64'],
  ['google.protobuf.UInt64Value', 'uint64'],
  ['google.protobuf.Int32Value', 'int32'],
  ['google.protobuf.UInt32Value', 'uint32'],
  ['google.protobuf.BoolValue', 'bool'],
  ['google.protobuf.StringValue', 'string'],
  ['google.protobuf.BytesValue', 'bytes'],
]);
