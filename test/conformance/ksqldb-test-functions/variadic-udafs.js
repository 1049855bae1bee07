// MID_VAR_ARG and OBJ_COL_ARG, from ksqlDB's MiddleVarArgUdaf and ObjVarColArgUdaf: aggregates
// whose repeating column parameter (ksqlDB's VariadicArgs) is followed by more parameters.

/** @type {import('streamsql/extensions').Extension} */
export default {
  aggregate: [
    {
      name: 'MID_VAR_ARG',
      description:
        'Returns the sum of the provided longs, lengths of strings, and initial arguments.',
      signatures: [
        {
          signature: '(BIGINT, STRING...) -> BIGINT',
          initArgs: '(INT first, INT second)',
          create: ({ initArgs: [first, second] }) => {
            const constant = BigInt(first + second);
            return {
              init: () => 0n,
              add: (acc, long, ...strings) =>
                BigInt.asIntN(
                  64,
                  acc +
                    (long ?? 0n) +
                    BigInt(strings.reduce((sum, s) => sum + (s === null ? 0 : s.length), 0)),
                ),
              merge: (a, b) => BigInt.asIntN(64, a + b),
              result: (acc) => BigInt.asIntN(64, acc + constant),
            };
          },
        },
      ],
    },
    {
      name: 'OBJ_COL_ARG',
      description: 'Returns an array of rows where all the given columns are non-null.',
      signatures: [
        {
          signature: '(INT, ANY...) -> ARRAY<INT>',
          init: () => [],
          add: (acc, first, ...others) =>
            first !== null && others.every((v) => v !== null) ? [...acc, first] : acc,
          merge: (a, b) => [...a, ...b],
        },
      ],
    },
  ],
};
