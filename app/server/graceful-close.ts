import type { Server, ServerResponse } from "node:http";

/**
 * Stops a server the way its clients can see: requests in flight finish, and every answer sent from then on
 * says `Connection: close`. `server.close()` alone closes only the connections idle at that moment; a client
 * that keeps its connection busy (one request after another on keep-alive) would be served until the grace
 * period ran out and then be cut off mid-request.
 */
export function gracefulClose(server: Server): { close: (done: () => void) => void } {
  const open = new Set<ServerResponse>();
  let closing = false;
  const closeAfter = (res: ServerResponse) => {
    if (!res.headersSent) res.setHeader("Connection", "close");
  };
  // Before the app's own listener, so the header is set whatever the app does with the request.
  server.prependListener("request", (_req, res: ServerResponse) => {
    if (closing) closeAfter(res);
    open.add(res);
    res.once("close", () => open.delete(res));
    // An answer whose headers went out before the close began leaves its connection idle once finished.
    res.once("finish", () => closing && setImmediate(() => server.closeIdleConnections()));
  });
  return {
    close: (done) => {
      closing = true;
      for (const res of open) closeAfter(res);
      server.close(() => done());
      server.closeIdleConnections();
    },
  };
}
