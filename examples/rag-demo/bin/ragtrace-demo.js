#!/usr/bin/env node
// Thin launcher: npm links the bin before the TypeScript build has produced dist/.
await import('../dist/cli/main.js');
