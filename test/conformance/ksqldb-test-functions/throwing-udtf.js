// THROWING_UDTF, from ksqlDB's ThrowingUdtf.

/** @type {import('streamsql/extensions').Extension} */
export default {
  table: [
    {
      name: 'throwing_udtf',
      description: 'test UDTF that throws if param is true',
      signatures: [
        {
          signature: '(BOOLEAN shouldThrow) -> BOOLEAN',
          impl: (shouldThrow) => {
            if (shouldThrow === null) throw new Error('NullPointerException: shouldThrow is null');
            if (shouldThrow) throw new Error('You asked me to throw...');
            return [shouldThrow];
          },
        },
      ],
    },
  ],
};
