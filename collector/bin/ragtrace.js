#!/usr/bin/env node
// Thin launcher: npm links the bin before the TypeScript build has produced dist/.
import '../dist/cli/run.js';
