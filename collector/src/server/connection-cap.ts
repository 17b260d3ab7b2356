import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** What a connection past the cap is told before it is closed, when no idle one can make room. */
const OVER_CAPACITY =
  'HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nRetry-After: 1\r\n' +
  'Content-Type: text/plain; charset=utf-8\r\nContent-Length: 28\r\n\r\ntoo many connections: retry\n';

/**
 * Keeps at most `max` client connections open, so sockets that never finish a request cannot
 * use up the process's file descriptors (which the spool and the engine need as much as
 * `/healthz` does). A connection arriving at the cap makes room by closing the oldest idle one,
 * one with no request in flight (connected and silent, dribbling headers, or kept alive between
 * requests), so a flood of idle sockets only churns itself while real requests are served;
 * when every connection has a request in flight, the newcomer gets 503 and is closed.
 */
export function capConnections(server: Server, max: number): void {
  // Insertion order is age: the first idle entry is the oldest idle connection.
  const open = new Map<Socket, { inFlight: number }>();
  // Before the HTTP server's own listener: a refused socket is destroyed before a parser is
  // attached to it, so a request it carries is never handled. The answer is small enough for
  // the socket's first write to hand it to the kernel at once.
  server.prependListener('connection', (socket: Socket) => {
    if (open.size >= max && !closeOldestIdle(open)) {
      socket.write(OVER_CAPACITY);
      socket.destroy();
      return;
    }
    open.set(socket, { inFlight: 0 });
    socket.once('close', () => open.delete(socket));
  });
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const state = open.get(request.socket);
    if (state === undefined) return;
    state.inFlight++;
    response.once('close', () => state.inFlight--);
  });
}

function closeOldestIdle(open: Map<Socket, { inFlight: number }>): boolean {
  for (const [socket, state] of open) {
    if (state.inFlight > 0) continue;
    open.delete(socket);
    socket.destroy();
    return true;
  }
  return false;
}
