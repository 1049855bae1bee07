// TEST_UDTF, from ksqlDB's TestUdtf: one overload per parameter shape (primitives, arrays, maps),
// each emitting one row per argument as Java prints it (`String.valueOf`, `toString`), and
// single-argument overloads that emit their argument. Nulls fail as in Java: a primitive
// parameter cannot take one, and Guava's ImmutableList.of refuses null elements.
// Left out: `structTest(int)`, whose (INT) parameters clash with `listIntegerReturn(int)`: a
// function index (ksqlDB's UdfIndex, streamsql's registry) holds one signature per parameter list.
import { immutableList, javaText, npe } from './support/java-text.js';

const TYPES = ['INT', 'BIGINT', 'DOUBLE', 'BOOLEAN', 'STRING', 'DECIMAL', 'STRUCT<A VARCHAR>'];
const params = (template) => TYPES.map(template).join(', ');

const present = (value, what) => {
  if (value === null) throw npe(what);
  return value;
};

/** One row per argument: `pick` takes the value out of each (itself, its first element, …). */
function printEach(pick, elementType) {
  return ({ argTypes }) =>
    (...args) =>
      immutableList(
        ...args.map((arg, i) => {
          const value = pick(present(arg, `argument ${i + 1}`));
          const type = elementType(argTypes[i]);
          // String.valueOf(Object) prints null; a BigDecimal's or Struct's toString cannot.
          if (value === null && (type.base === 'DECIMAL' || type.base === 'STRUCT')) {
            throw npe(`element of argument ${i + 1}`);
          }
          return type.base === 'STRING' ? value : javaText(value, type);
        }),
      );
}

const firstValue = (map) => {
  const next = map.values().next();
  if (next.done) throw new Error('NoSuchElementException');
  return next.value;
};

const itself = (type) => ({
  signature: `(${type}) -> ${type}`,
  impl: (value) => immutableList(value),
});

/** @type {import('streamsql/extensions').Extension} */
export default {
  table: [
    {
      name: 'test_udtf',
      description: 'test',
      signatures: [
        {
          signature: `(${params((t) => t)}) -> STRING`,
          create: printEach(
            (v) => v,
            (t) => t,
          ),
        },
        {
          signature: `(${params((t) => `ARRAY<${t}>`)}) -> STRING`,
          create: printEach(
            (list) => (list.length === 0 ? outOfBounds() : list[0]),
            (t) => t.items,
          ),
        },
        {
          signature: `(${params((t) => `MAP<STRING, ${t}>`)}) -> STRING`,
          create: printEach(firstValue, (t) => t.value),
        },
        {
          // The same with a BIGINT-keyed first map (parameterizedMapParams2).
          signature: `(${params((t, i) => `MAP<${i === 0 ? 'BIGINT' : 'STRING'}, ${t}>`)}) -> STRING`,
          create: printEach(firstValue, (t) => t.value),
        },
        itself('INT'),
        itself('BIGINT'),
        itself('DOUBLE'),
        itself('BOOLEAN'),
        itself('STRING'),
        {
          // ksqlDB's schema provider for this one returns DECIMAL(30, 10) whatever the input.
          signature: '(DECIMAL) -> DECIMAL(30, 10)',
          impl: (value) => immutableList(value),
        },
        itself('STRUCT<A VARCHAR>'),
      ],
    },
  ],
};

function outOfBounds() {
  throw new Error('IndexOutOfBoundsException: Index 0 out of bounds for length 0');
}
