// User functions in plain JavaScript: a scalar, an aggregate and a table function.
// Load them with:  streamsql run examples/extensions.sql --extensions-dir examples/extensions
// The optional JSDoc type lets an editor check this object against streamsql's extension API.

/** @type {import('streamsql/extensions').Extension} */
export default {
  scalar: [
    {
      name: 'shout',
      description: 'Upper-cases a string and adds exclamation marks.',
      category: 'STRING',
      signatures: [
        {
          signature: '(STRING text) -> STRING',
          // Arguments arrive as SQL values: NULL is null.
          impl: (text) => (text === null ? null : `${text.toUpperCase()}!`),
        },
        {
          signature: '(STRING text, INT times) -> STRING',
          impl: (text, times) => {
            if (text === null || times === null) return null;
            if (times < 0) throw new Error(`SHOUT: times must not be negative, got ${times}`);
            return text.toUpperCase() + '!'.repeat(times);
          },
        },
      ],
    },
  ],
  aggregate: [
    {
      name: 'longest',
      description: 'The longest string of the group (the first one seen among equals).',
      signatures: [
        {
          signature: '(STRING) -> STRING',
          init: () => null,
          add: (acc, value) =>
            value !== null && (acc === null || value.length > acc.length) ? value : acc,
          merge: (a, b) => (b !== null && (a === null || b.length > a.length) ? b : a),
        },
      ],
    },
  ],
  table: [
    {
      name: 'words',
      description: 'One row per word of a string.',
      signatures: [
        {
          signature: '(STRING) -> STRING',
          impl: (text) => (text === null ? [] : text.split(/\s+/).filter((w) => w !== '')),
        },
      ],
    },
  ],
};
