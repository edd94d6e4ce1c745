/** Product-level dependency screening (docs/methods.md §0–§4): the catalogue of this folder. */
export * from './criteria.js';
export * from './ec2021.js';
export * from './factsheet.js';
export * from './fpb.js';
export * from './geodep.js';
export * from './indicators.js';
export * from './merics.js';
export * from './nbb.js';
export * from './params.js';
export * from './persistence.js';
export * from './presets.js';
export * from './ranks.js';
export * from './screen.js';
export * from './segments.js';
export * from './stages.js';
export * from './summaries.js';
