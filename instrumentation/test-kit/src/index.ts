/** Mock provider servers on loopback, for instrumentation tests, end-to-end tests and benchmarks. */
export { startLoopbackServer, sendJson } from './loopback-server.js';
export type { LoopbackServer, MockHandler, RecordedRequest } from './loopback-server.js';
export { sendServerSentEvents } from './server-sent-events.js';
export type { SseFrame } from './server-sent-events.js';
