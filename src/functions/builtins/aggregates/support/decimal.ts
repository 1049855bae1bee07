/**
 * decimal.js's class, typed. Its ESM build exports the class as the default export, but under
 * NodeNext TypeScript reads the package's CommonJS typings and types that default import as the
 * module object; this re-export gives the runtime value its class type.
 */
import decimalDefault from 'decimal.js';
import type { Decimal as DecimalClass } from 'decimal.js';

export const Decimal = decimalDefault as unknown as typeof DecimalClass;
export type Decimal = DecimalClass;
