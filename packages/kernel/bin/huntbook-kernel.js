#!/usr/bin/env node
// The Huntbook Jupyter kernel (what the kernelspec runs): load TypeScript through tsx, then start.
import { register } from 'tsx/esm/api';
register();
const { kernelMain } = await import('../src/main.ts');
kernelMain(process.argv.slice(2));
