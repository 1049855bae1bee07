/**
 * The serde layer's public surface: formats turn one side of a record into bytes and back.
 * Build serdes with `createSerde`, check statements early with `checkFormatSupports`, and turn a
 * WITH clause into formats with `resolveFormats`.
 */
export * from './serde.js';
export { createSerde } from './create-serde.js';
export { checkFormatSupports, supportsWrapping, IMPLEMENTED_FORMATS } from './format-support.js';
export {
  resolveFormats,
  type FormatDefaults,
  type FormatPropertyValue,
  type ResolvedFormat,
  type ResolvedFormats,
} from './format-properties.js';
