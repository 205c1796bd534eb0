/**
 * The package entry for Node: where the built app is. `huntbook serve` serves this folder
 * (packages/server/src/routes/web.ts); it is built by `npm run build:web` and committed.
 */
import { fileURLToPath } from 'node:url';

/** The absolute path of the built app (index.html and assets/). */
export const distDir: string = fileURLToPath(new URL('../dist/', import.meta.url));
