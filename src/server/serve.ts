/**
 * Start the HTTP server on a socket (@hono/node-server). Listens on 127.0.0.1
 * unless told otherwise; `port: 0` picks a free port.
 */
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createServerApp, type ServerOptions } from './app.js';
import { isLoopback } from './security.js';

export interface RunningServer {
  url: string;
  host: string;
  port: number;
  close(): Promise<void>;
}

export interface ServeOptions extends ServerOptions {
  port?: number;
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const app = createServerApp({ ...options, host });
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: host, port: options.port ?? 8470 }, (info: AddressInfo) => {
      const shown = host.includes(':') ? `[${host}]` : host;
      resolve({
        url: `http://${shown}:${info.port}/`,
        host,
        port: info.port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            // Keep-alive sockets would hold close() open.
            (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
          }),
      });
    });
    server.on('error', reject);
    // Slow clients cannot hold a connection for ever.
    const s = server as unknown as { headersTimeout: number; requestTimeout: number; maxHeadersCount: number };
    s.headersTimeout = 10_000;
    s.requestTimeout = 30_000;
    s.maxHeadersCount = 100;
  });
}

/** A warning for the terminal when the address reaches beyond this machine. */
export function exposureNote(host: string, token: string | null): string | null {
  if (isLoopback(host)) return null;
  return token
    ? `listening on ${host}: anyone who can reach it can read the store; writes need the token`
    : `listening on ${host}: anyone who can reach it can read the store; it is read-only (no token)`;
}
