#!/usr/bin/env node
// The `annals` command: a thin shim over the library's CLI module.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
