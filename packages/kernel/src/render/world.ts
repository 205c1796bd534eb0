/**
 * The world's country outlines for maps, from the npm package world-atlas (Natural Earth
 * 1:110m, TopoJSON): read once from the installed package, never from the network, and handed
 * out as a fresh object per spec (Vega may annotate data it is given).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

let text: string | undefined;

/** The TopoJSON topology with the object `countries`. */
export function worldTopology(): Record<string, unknown> {
  if (text === undefined) {
    const path = createRequire(import.meta.url).resolve('world-atlas/countries-110m.json');
    text = readFileSync(path, 'utf8');
  }
  return JSON.parse(text) as Record<string, unknown>;
}
