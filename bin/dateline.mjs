#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's loader, so `dateline` works right after `npm ci`.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/index.ts');
