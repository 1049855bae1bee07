/**
 * The decimal.js constructor and type, for DECIMAL values. Under NodeNext the package's
 * CommonJS typings make the default import look like the module namespace, while at run time
 * it is the constructor itself: this is the one place that bridges the two.
 */
import DecimalModule from 'decimal.js';
import type { Decimal as DecimalValue } from 'decimal.js';

export const Decimal = DecimalModule as unknown as typeof DecimalModule.Decimal;
export type Decimal = DecimalValue;
