// WHENCONDITION and WHENRESULT, from ksqlDB's WhenCondition and WhenResult: they throw when
// evaluated with shouldBeEvaluated false, so a CASE that evaluates a branch eagerly fails.

const required = (name, value) => {
  if (value === null) throw new Error(`NullPointerException: ${name} is null`);
  return value;
};

/** @type {import('streamsql/extensions').Extension} */
export default {
  scalar: [
    {
      name: 'WhenCondition',
      description: 'UDF used in case-expression.json',
      signatures: [
        {
          signature: '(BOOLEAN retValue, BOOLEAN shouldBeEvaluated) -> BOOLEAN',
          impl: (retValue, shouldBeEvaluated) => {
            if (!required('shouldBeEvaluated', shouldBeEvaluated)) {
              throw new Error('When condition in case is not running lazily!');
            }
            return required('retValue', retValue);
          },
        },
      ],
    },
    {
      name: 'WhenResult',
      description: 'UDF used in case-expression.json',
      signatures: [
        {
          signature: '(INT retVal, BOOLEAN shouldBeEvaluated) -> INT',
          impl: (retVal, shouldBeEvaluated) => {
            if (!required('shouldBeEvaluated', shouldBeEvaluated)) {
              throw new Error('Then expression in case is not running lazily!');
            }
            return required('retVal', retVal);
          },
        },
      ],
    },
  ],
};
