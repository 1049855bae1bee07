// TEST_UDF, from ksqlDB's TestUdf: overloads that return their own (Java method) name, so a test
// can see which one resolution chose, plus a struct parameter and a struct result.
// Left out: `returnList(String)`, whose schema provider calls System.exit (never called by a test).

/** @type {import('streamsql/extensions').Extension} */
export default {
  scalar: [
    {
      name: 'test_udf',
      description: 'test',
      signatures: [
        { signature: '(INT arg1, STRING arg2) -> STRING', impl: () => 'doStuffIntString' },
        { signature: '(BIGINT arg1, STRING arg2) -> STRING', impl: () => 'doStuffLongString' },
        {
          signature: '(BIGINT arg1, BIGINT arg2, STRING arg3) -> STRING',
          impl: () => 'doStuffLongLongString',
        },
        { signature: '(BIGINT... longs) -> STRING', impl: () => 'doStuffLongVarargs' },
        {
          signature: '(STRUCT<A VARCHAR> struct) -> STRING',
          description: "returns the value of 'A'",
          impl: (struct) => {
            if (struct === null) throw new Error('NullPointerException: struct is null');
            return struct.A;
          },
        },
        {
          signature: '() -> STRUCT<A VARCHAR>',
          description: "returns the value of 'STRUCT<A VARCHAR>'",
          impl: () => ({ A: 'foo' }),
        },
      ],
    },
  ],
};
