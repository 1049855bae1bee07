/** Hash functions: MD5 (ksqlDB's MD5), the hex-encoded MD5 digest of a string's UTF-8 bytes. */
import { createHash } from 'node:crypto';
import type { FunctionDefinition } from '../definition.js';
import { Category, scalar } from './util/define.js';

export const functions: readonly FunctionDefinition[] = [
  scalar('md5', Category.STRING, 'Computes the hex-encoded md5 hash of the given string', [
    {
      params: ['STRING s'],
      returns: 'STRING',
      impl: (s: string | null) =>
        s === null ? null : createHash('md5').update(s, 'utf8').digest('hex'),
    },
  ]),
];
