#!/usr/bin/env node
'use strict';
// Thin launcher: npm links the bin before the TypeScript build has produced dist/. CommonJS, so
// that the thread pool is sized before anything uses it (threadpool-size.cjs says why).
require('./threadpool-size.cjs');
void import('../dist/cli/run.js');
