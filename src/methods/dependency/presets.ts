import { ec2021 } from './ec2021.js';
import { fpb2024 } from './fpb.js';
import { geodep } from './geodep.js';
import { merics } from './merics.js';
import { nbb2024, nbb2024Exports } from './nbb.js';
import type { Preset, PresetId } from './params.js';

/** Every screening preset, by id. */
export const presets: Record<PresetId, Preset> = {
  ec2021,
  nbb2024,
  'nbb2024-exports': nbb2024Exports,
  fpb2024,
  geodep,
  merics,
};

export const presetIds = Object.keys(presets) as PresetId[];
