// `node --require @ragtrace/auto/register app.js`: the same start-up from a CommonJS preload;
// Node (>= 20.19) requires the ES module graph synchronously, as it has no top-level await.
import './index.js';
