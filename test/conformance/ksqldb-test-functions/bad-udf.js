// BAD_UDF, from ksqlDB's BadUdf: throws when called, throws when asked to, or returns NULL every
// other call. The counter is per call site, as ksqlDB makes one instance of the class per call.

/** @type {import('streamsql/extensions').Extension} */
export default {
  scalar: [
    {
      name: 'bad_udf',
      description: 'throws exceptions when called',
      signatures: [
        {
          signature: '(INT arg1) -> STRING',
          description: 'throws',
          impl: () => {
            throw new Error('boom!');
          },
        },
        {
          signature: '(BOOLEAN arg) -> INT',
          description: 'throws if arg is true',
          impl: (arg) => {
            if (arg === null) throw new Error('NullPointerException: arg is null');
            if (arg) throw new Error('You asked me to throw...');
            return 0;
          },
        },
        {
          signature: '(STRING arg) -> STRING',
          description: 'returns null every other invocation',
          create: () => {
            let i = 0;
            return (arg) => (i++ % 2 === 0 ? null : arg);
          },
        },
      ],
    },
  ],
};
