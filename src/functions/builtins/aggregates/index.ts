/** The built-in aggregate functions, for the registry. */
import type { FunctionDefinition } from '../../definition.js';
import { attrFunction } from './attr.js';
import { avgFunction } from './avg.js';
import { collectListFunction } from './collect-list.js';
import { collectSetFunction } from './collect-set.js';
import { correlationFunction } from './correlation.js';
import { countDistinctFunction } from './count-distinct.js';
import { countFunction } from './count.js';
import { earliestByOffsetFunction } from './earliest-by-offset.js';
import { histogramFunction } from './histogram.js';
import { latestByOffsetFunction } from './latest-by-offset.js';
import { maxFunction, minFunction } from './min-max.js';
import { stddevSampFunction, stddevSampleFunction } from './stddev.js';
import { sumFunction } from './sum.js';
import { topkDistinctFunction } from './topk-distinct.js';
import { topkFunction } from './topk.js';

export const functions: FunctionDefinition[] = [
  attrFunction,
  avgFunction,
  collectListFunction,
  collectSetFunction,
  correlationFunction,
  countFunction,
  countDistinctFunction,
  earliestByOffsetFunction,
  histogramFunction,
  latestByOffsetFunction,
  maxFunction,
  minFunction,
  stddevSampFunction,
  stddevSampleFunction,
  sumFunction,
  topkFunction,
  topkDistinctFunction,
];
