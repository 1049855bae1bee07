// TEST_UDAF, from ksqlDB's TestUdaf: sums of BIGINT, INT (both undoable: TableUdaf), DOUBLE, the
// lengths of strings (with an initial string whose length is the starting value), and a struct's
// fields. Java's long and int arithmetic wraps; a null is unboxed, and fails, as in Java.

const long = (v) => BigInt.asIntN(64, v);
const int = (v) => v | 0;
const unbox = (v) => {
  if (v === null) throw new Error('NullPointerException: cannot unbox a null value');
  return v;
};

/** @type {import('streamsql/extensions').Extension} */
export default {
  aggregate: [
    {
      name: 'test_udaf',
      description: 'test_udaf',
      signatures: [
        {
          signature: '(BIGINT) -> BIGINT',
          description: 'sums longs',
          init: () => 0n,
          add: (acc, value) => long(acc + unbox(value)),
          undo: (acc, value) => long(acc - unbox(value)),
          merge: (a, b) => long(a + b),
        },
        {
          signature: '(INT) -> BIGINT',
          description: 'sums int',
          init: () => 0n,
          add: (acc, value) => long(acc + BigInt(unbox(value))),
          undo: (acc, value) => long(acc - BigInt(unbox(value))),
          merge: (a, b) => long(a + b),
        },
        {
          signature: '(DOUBLE) -> DOUBLE',
          description: 'sums double',
          init: () => 0,
          add: (acc, value) => acc + unbox(value),
          merge: (a, b) => a + b,
        },
        {
          signature: '(STRING) -> BIGINT',
          initArgs: '(STRING initialString)',
          description: 'sums the length of strings',
          create: ({ initArgs: [initialString] }) => ({
            init: () => BigInt(unbox(initialString).length),
            add: (acc, s) => long(acc + BigInt(unbox(s).length)),
            merge: (a, b) => long(a + b),
          }),
        },
        {
          signature: '(STRUCT<A INTEGER, B INTEGER>) -> STRUCT<A INTEGER, B INTEGER>',
          description: 'returns a struct with {SUM(in->A), SUM(in->B)}',
          init: () => ({ A: 0, B: 0 }),
          add: (acc, current) => ({
            A: int(unbox(unbox(current).A) + unbox(acc.A)),
            B: int(unbox(current.B) + unbox(acc.B)),
          }),
          // Java's merge is aggregate(aggOne, aggTwo): the same field sums.
          merge: (a, b) => ({ A: int(unbox(a.A) + unbox(b.A)), B: int(unbox(a.B) + unbox(b.B)) }),
        },
      ],
    },
  ],
};
