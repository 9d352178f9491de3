/**
 * Preload (`node -r ./scripts/loopback.cjs ...`) that keeps a server on this machine: any
 * net.Server.listen() call that names a port but no host binds to 127.0.0.1 instead of every
 * interface. The Microsoft 365 Agents Playground calls `server.listen(port)`, which would
 * otherwise expose it (and its mock Bot Connector) to the network.
 */
'use strict';
/* global require */
// A preload runs before any loader, so it is plain CommonJS.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const net = require('node:net');

const HOST = '127.0.0.1';
const originalListen = net.Server.prototype.listen;

function isPort(value) {
  return typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value));
}

net.Server.prototype.listen = function listen(...args) {
  const [first] = args;
  if (args.length === 0 || typeof first === 'function') {
    // listen() / listen(cb): a random port on every interface.
    return originalListen.call(this, 0, HOST, ...args);
  }
  if (isPort(first) && typeof args[1] !== 'string') {
    // listen(port[, backlog][, cb]) with no host.
    return originalListen.call(this, first, HOST, ...args.slice(1));
  }
  if (first && typeof first === 'object' && !(first instanceof net.Server) && !('fd' in first) && !('_handle' in first)
    && first.path === undefined && first.host === undefined) {
    // listen({ port }) with no host or path.
    return originalListen.call(this, { ...first, host: HOST }, ...args.slice(1));
  }
  return originalListen.apply(this, args);
};
