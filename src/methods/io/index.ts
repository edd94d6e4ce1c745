/** Input–output methods (docs/methods.md §2): a catalogue, nothing else. */
export * from './coefficients.js';
export * from './export-stop.js';
export * from './extraction.js';
export * from './ghosh.js';
export * from './import-stop.js';
export * from './iterative.js';
export * from './leontief.js';
export * from './linkages.js';
export * from './lu.js';
export * from './matrix.js';
export * from './multipliers.js';
export * from './sparse.js';
