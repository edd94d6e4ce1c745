/** Policy-lever methods (docs/methods.md §6–§7): a catalogue, nothing else. */
export * from './by-products.js';
export * from './company-exposure.js';
export * from './diversification.js';
export * from './joint-purchase.js';
export * from './restriction.js';
export * from './stockpile.js';
