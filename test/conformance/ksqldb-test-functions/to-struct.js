// TOSTRUCT, from ksqlDB's ToStruct test UDF (packaged in its udf-example.jar).

/** @type {import('streamsql/extensions').Extension} */
export default {
  scalar: [
    {
      name: 'tostruct',
      description: 'converts things to a struct',
      signatures: [
        { signature: '(STRING value) -> STRUCT<A VARCHAR>', impl: (value) => ({ A: value }) },
      ],
    },
  ],
};
