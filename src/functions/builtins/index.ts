/**
 * Every built-in function: the `functions` array of each file in this folder, collected for the
 * registry (registry.ts builtinRegistry()).
 */
import type { FunctionDefinition } from '../definition.js';
import { functions as aggregates } from './aggregates/index.js';
import { functions as arrays } from './arrays.js';
import { functions as bytes } from './bytes.js';
import { functions as conditional } from './conditional.js';
import { functions as datetimeArithmetic } from './datetime-arith.js';
import { functions as datetimeFormat } from './datetime-format.js';
import { functions as datetimeParse } from './datetime-parse.js';
import { functions as datetimeUnix } from './datetime-unix.js';
import { functions as geo } from './geo.js';
import { functions as greatestLeast } from './greatest-least.js';
import { functions as hash } from './hash.js';
import { functions as json } from './json.js';
import { functions as lambdas } from './lambdas.js';
import { functions as maps } from './maps.js';
import { functions as masks } from './masks.js';
import { functions as math } from './math.js';
import { functions as misc } from './misc.js';
import { functions as regex } from './regex.js';
import { functions as rounding } from './rounding.js';
import { functions as strings } from './strings.js';
import { functions as tableFunctions } from './table-functions.js';
import { functions as toJsonString } from './to-json-string.js';
import { functions as url } from './url.js';

export const builtinFunctions: readonly FunctionDefinition[] = [
  ...strings,
  ...masks,
  ...regex,
  ...bytes,
  ...hash,
  ...math,
  ...rounding,
  ...greatestLeast,
  ...json,
  ...toJsonString,
  ...arrays,
  ...maps,
  ...lambdas,
  ...conditional,
  ...url,
  ...geo,
  ...misc,
  ...datetimeFormat,
  ...datetimeParse,
  ...datetimeArithmetic,
  ...datetimeUnix,
  ...aggregates,
  ...tableFunctions,
];
