// User functions in TypeScript: streamsql strips the types when it loads the file (it does not
// type-check it; run `tsc --noEmit` for that). Types come from streamsql's extension API.
import type { Extension } from 'streamsql/extensions';

/** A running mean: the accumulator is a plain object of SQL values, so state stores keep it. */
interface Mean {
  readonly sum: number;
  readonly count: number;
}

const extension: Extension = {
  scalar: [
    {
      name: 'clamp',
      description: 'Limits a number to the range [low, high].',
      category: 'MATHEMATICAL',
      signatures: [
        {
          signature: '(DOUBLE value, DOUBLE low, DOUBLE high) -> DOUBLE',
          impl: (value: number | null, low: number | null, high: number | null) =>
            value === null || low === null || high === null
              ? null
              : Math.min(high, Math.max(low, value)),
        },
      ],
    },
  ],
  aggregate: [
    {
      name: 'mean',
      description: 'The mean of the non-null values; NULL for a group without any.',
      signatures: [
        {
          signature: '(DOUBLE) -> DOUBLE',
          init: (): Mean => ({ sum: 0, count: 0 }),
          add: (acc: Mean, value: number | null): Mean =>
            value === null ? acc : { sum: acc.sum + value, count: acc.count + 1 },
          undo: (acc: Mean, value: number | null): Mean =>
            value === null ? acc : { sum: acc.sum - value, count: acc.count - 1 },
          merge: (a: Mean, b: Mean): Mean => ({ sum: a.sum + b.sum, count: a.count + b.count }),
          result: (acc: Mean) => (acc.count === 0 ? null : acc.sum / acc.count),
        },
      ],
    },
  ],
};

export default extension;
