import type { Linter } from 'eslint';

/** Flat-config blocks that keep the layering, one per source directory of src/ and commands/. */
export declare const layerRules: Linter.Config[];
