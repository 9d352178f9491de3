/**
 * The smallest Bot Connector stand-in for load: every request is answered 200/201 with a new
 * activity id, nothing is recorded but a count. The bots under test reply to it; it runs in the
 * bench's own process, the same for the floor and for trustline.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ConnectorStandIn {
  url: string;
  /** Requests answered so far. */
  count(): number;
  close(): Promise<void>;
}

export async function startConnectorStandIn(): Promise<ConnectorStandIn> {
  let n = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      n++;
      res.writeHead(req.method === 'POST' ? 201 : 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `act-${n}` }));
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    count: () => n,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
