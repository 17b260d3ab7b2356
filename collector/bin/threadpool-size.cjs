'use strict';
// The embedded engine (chDB) runs each query and insert on one of libuv's threads, and the
// spool's file writes need one too. With libuv's default of 4, four slow reads would leave
// ingest none: acknowledgements would wait behind them. 16 leaves ingest's inserts, look-ups
// and spool writes a dozen beside RAGTRACE_MAX_CONCURRENT_READS' default of 4; a value the user
// set wins. libuv reads the variable once, when its pool first runs, and the ES module loader
// runs it before an ES module's first line: hence CommonJS, loaded first (`--require` or the
// launcher's own first line).
process.env.UV_THREADPOOL_SIZE ||= '16';
