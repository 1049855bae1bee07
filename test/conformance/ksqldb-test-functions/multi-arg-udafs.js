// MULTI_ARG, FOUR_ARG and FIVE_ARG, from ksqlDB's MultiArgUdaf, FourArgUdaf and FiveArgUdaf:
// aggregates of several columns, followed by initial arguments (the UDAF factory's parameters),
// which the call passes as literals after the columns.

const unbox = (v) => {
  if (v === null) throw new Error('NullPointerException: cannot unbox a null value');
  return v;
};
const long = (v) => BigInt.asIntN(64, v);
const length = (s) => (s === null ? 0 : s.length);

/** The starting value: initArg1 plus the lengths of the other initArgs. */
const initialValue = ([first, ...strings]) =>
  BigInt(unbox(first) + strings.reduce((sum, s) => sum + unbox(s).length, 0));

/** @type {import('streamsql/extensions').Extension} */
export default {
  aggregate: [
    {
      name: 'MULTI_ARG',
      description: 'Returns the sum of the provided longs and lengths of strings.',
      signatures: [
        {
          signature: '(BIGINT, STRING) -> BIGINT',
          initArgs: '(INT initArg1, STRING... initArg2)',
          create: ({ initArgs }) => {
            const start = initialValue(initArgs);
            return {
              init: () => start,
              add: (acc, first, second) => long(acc + (first ?? 0n) + BigInt(length(second))),
              merge: (a, b) => long(a + b),
            };
          },
        },
      ],
    },
    {
      name: 'FOUR_ARG',
      description: 'Returns the sum of the provided longs and lengths of strings.',
      signatures: [
        {
          signature: '(BIGINT, STRING, STRING, STRING) -> BIGINT',
          initArgs: '(INT initArg1, STRING... initArg2)',
          create: ({ initArgs }) => {
            const start = initialValue(initArgs);
            return {
              init: () => start,
              add: (acc, first, second, third, fourth) =>
                long(acc + (first ?? 0n) + BigInt(length(second) + length(third) + length(fourth))),
              merge: (a, b) => long(a + b),
            };
          },
        },
      ],
    },
    {
      name: 'FIVE_ARG',
      description: 'Returns the sum of the provided longs, lengths of strings, and integers.',
      signatures: [
        {
          signature: '(BIGINT, STRING, STRING, STRING, INT) -> BIGINT',
          initArgs: '(INT initArg1, STRING... initArg2)',
          create: ({ initArgs }) => {
            const start = initialValue(initArgs);
            return {
              init: () => start,
              add: (acc, first, second, third, fourth, fifth) =>
                long(
                  acc +
                    (first ?? 0n) +
                    BigInt(length(second) + length(third) + length(fourth) + (fifth ?? 0)),
                ),
              merge: (a, b) => long(a + b),
            };
          },
        },
      ],
    },
  ],
};
