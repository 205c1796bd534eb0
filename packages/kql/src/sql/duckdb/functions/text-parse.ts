/** Text parsing: extract, extract_all, parse_url, parse_path, parse_csv ... */
import type { ScalarEmitter } from '../types.ts';

export const textParseFunctions: Record<string, ScalarEmitter> = {};

export const TEXT_PARSE_PRELUDE: readonly string[] = [];
