/**
 * The Log contract: what every backend must do for the engine, run against the embedded log and
 * against Kafka. It asks for nothing a backend may do differently: offsets increase but may
 * skip (Kafka's transaction markers), and other tests' topics may exist.
 */
import type { LogSubject } from './subject.js';
import { recordsContract } from './records-contract.js';
import { topicsContract } from './topics-contract.js';
import { transactionsContract } from './transactions-contract.js';
import { waitingContract } from './waiting-contract.js';

export function logContract(subject: LogSubject): void {
  recordsContract(subject);
  topicsContract(subject);
  transactionsContract(subject);
  waitingContract(subject);
}

export type { LogSubject } from './subject.js';
export { uniqueNames } from './subject.js';
