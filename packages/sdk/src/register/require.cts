// `node --require @ragtrace/sdk/register app.js` (deprecated): the alias from a CommonJS preload;
// Node (>= 20.19) requires the ES module graph synchronously, as it has no top-level await.
import './index.js';
