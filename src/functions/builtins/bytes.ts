/**
 * Conversions between strings, bytes and numbers (ksqlDB's Encode, ToBytes, FromBytes,
 * IntFromBytes, BigIntFromBytes, DoubleFromBytes), and INT_FROM_BOOLEAN.
 */
import { ExecutionError } from '../../common/errors.js';
import type { FunctionDefinition, ScalarSignature } from '../definition.js';
import {
  asciiBytes,
  asciiText,
  commonsDecodeHex,
  decodeText,
  encodeBytes,
  encodingOf,
} from './util/codecs.js';
import { Category, scalar } from './util/define.js';

type Str = string | null;
type Bytes = Buffer | null;

/** Strips `0x` (padding an odd length) or `X'…'` from a hex string, as ksqlDB's Encode does. */
function hexStrip(hex: string): string {
  if (/^0x[^\n\r\u0085\u2028\u2029]*$/.test(hex)) {
    return hex.length % 2 !== 0 ? `0${hex.slice(2)}` : hex.slice(2);
  }
  if (/^[xX]'[^\n\r\u0085\u2028\u2029]*'$/.test(hex)) return hex.slice(2, -1);
  return hex;
}

const DECODERS: Readonly<Record<string, (s: string) => Buffer>> = {
  hex: (s) => commonsDecodeHex(hexStrip(s)),
  utf8: (s) => Buffer.from(s, 'utf8'),
  ascii: asciiBytes,
  base64: (s) => Buffer.from(s, 'base64'),
};

const ENCODERS: Readonly<Record<string, (b: Buffer) => string>> = {
  hex: (b) => b.toString('hex'),
  utf8: (b) => b.toString('utf8'),
  ascii: asciiText,
  base64: (b) => b.toString('base64'),
};

function encode(input: Str, from: Str, to: Str): Str {
  if (input === null || from === null || to === null) return null;
  const decode = DECODERS[from.toLowerCase()];
  const encodeTo = ENCODERS[to.toLowerCase()];
  if (!decode || !encodeTo || from.toLowerCase() === to.toLowerCase()) {
    throw new ExecutionError(
      'Supported input and output encodings are: hex, utf8, ascii and base64',
    );
  }
  return encodeTo(decode(input));
}

type ByteOrder = 'BIG_ENDIAN' | 'LITTLE_ENDIAN';

function byteOrderOf(name: Str): ByteOrder {
  const upper = name?.toUpperCase();
  if (upper === 'BIG_ENDIAN' || upper === 'LITTLE_ENDIAN') return upper;
  throw new ExecutionError(
    `Byte order must be BIG_ENDIAN or LITTLE_ENDIAN. Unknown byte order '${name}'.`,
  );
}

function fromBytes<T>(
  size: number,
  read: (bytes: Buffer, order: ByteOrder) => T,
): (value: Bytes, order?: Str) => T | null {
  return (value, order) => {
    const byteOrder = order === undefined ? 'BIG_ENDIAN' : byteOrderOf(order);
    if (value === null) return null;
    if (value.length !== size) {
      throw new ExecutionError(
        `Number of bytes must be equal to ${size}, but found ${value.length}`,
      );
    }
    return read(value, byteOrder);
  };
}

function conversion(
  type: string,
  size: number,
  read: (b: Buffer, o: ByteOrder) => unknown,
): ScalarSignature[] {
  const impl = fromBytes(size, read);
  return [
    { params: ['BYTES value'], returns: type, impl: (value: Bytes) => impl(value) },
    { params: ['BYTES value', 'STRING byteOrder'], returns: type, impl },
  ];
}

export const functions: readonly FunctionDefinition[] = [
  scalar(
    'encode',
    Category.STRING,
    'Takes an input string s, which is encoded as input_encoding, and encodes it as output_encoding. The accepted input and output encodings are: hex, utf8, ascii and base64. Throws exception if provided encodings are not supported.',
    [
      {
        params: ['STRING str', 'STRING inputEncoding', 'STRING outputEncoding'],
        returns: 'STRING',
        impl: encode,
      },
    ],
  ),
  scalar(
    'to_bytes',
    Category.STRING,
    "Converts a STRING value in the specified encoding to BYTES. The accepted encoders are 'hex', 'utf8', 'ascii', and 'base64'.",
    [
      {
        params: ['STRING value', 'STRING encoding'],
        returns: 'BYTES',
        impl: (value: Str, encoding: Str) =>
          value === null || encoding === null ? null : decodeText(value, encodingOf(encoding)),
      },
    ],
  ),
  scalar(
    'from_bytes',
    Category.STRING,
    "Converts a BYTES value to STRING in the specified encoding. The accepted encoders are 'hex', 'utf8', 'ascii', and 'base64'.",
    [
      {
        params: ['BYTES value', 'STRING encoding'],
        returns: 'STRING',
        impl: (value: Bytes, encoding: Str) =>
          value === null || encoding === null ? null : encodeBytes(value, encodingOf(encoding)),
      },
    ],
  ),
  scalar(
    'int_from_bytes',
    Category.CONVERSIONS,
    'Converts a BYTES value to an INT value according to the specified byte order. BYTES must be 4 bytes long or a NULL value will be returned.',
    conversion('INT', 4, (b, o) => (o === 'BIG_ENDIAN' ? b.readInt32BE() : b.readInt32LE())),
  ),
  scalar(
    'bigint_from_bytes',
    Category.CONVERSIONS,
    'Converts a BYTES value to an BIGINT value according to the specified byte order. BYTES must be 8 bytes long or a NULL value will be returned.',
    conversion('BIGINT', 8, (b, o) =>
      o === 'BIG_ENDIAN' ? b.readBigInt64BE() : b.readBigInt64LE(),
    ),
  ),
  scalar(
    'double_from_bytes',
    Category.CONVERSIONS,
    'Converts a BYTES value to a DOUBLE value according to the specified byte order. BYTES must be 8 bytes long or a NULL value will be returned.',
    conversion('DOUBLE', 8, (b, o) => (o === 'BIG_ENDIAN' ? b.readDoubleBE() : b.readDoubleLE())),
  ),
  scalar('int_from_boolean', Category.CONVERSIONS, 'Converts a Boolean value to an Integer value', [
    {
      params: ['BOOLEAN bool'],
      returns: 'INT',
      impl: (value: boolean | null) => (value === null ? null : value ? 1 : 0),
    },
  ]),
];
