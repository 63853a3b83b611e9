/**
 * The server's safety rules, in one place:
 * - security headers and a strict Content-Security-Policy on every response
 *   (scripts and styles only from this server's own files, no inline code);
 * - writes (POST, PUT, PATCH, DELETE) need `Authorization: Bearer <token>`;
 *   without a configured token the server is read-only, wherever it listens;
 * - on a loopback address, requests must name a loopback host (a page on
 *   another site cannot reach the API through DNS rebinding);
 * - request bodies are limited in size.
 */
import { timingSafeEqual, createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit as honoBodyLimit } from 'hono/body-limit';
import { AnnalsError } from '../core/errors.js';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
};

export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(k, v);
    if (c.req.path.startsWith('/api/')) c.res.headers.set('Cache-Control', 'no-store');
  };
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export function isLoopback(host: string): boolean {
  return LOOPBACK_HOSTS.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function hostName(hostHeader: string): string {
  if (hostHeader.startsWith('[')) return hostHeader.slice(0, hostHeader.indexOf(']') + 1);
  return hostHeader.replace(/:\d+$/, '');
}

/** On loopback, refuse requests whose Host header names another host (DNS rebinding). */
export function loopbackHostCheck(listenHost: string): MiddlewareHandler {
  return async (c, next) => {
    if (isLoopback(listenHost)) {
      const h = c.req.header('host');
      if (h && !isLoopback(hostName(h))) throw new AnnalsError('E042', 'this server only answers requests addressed to a loopback host', h);
    }
    await next();
  };
}

function digest(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}

/** Constant-time comparison of a presented token with the configured one. */
export function tokenMatches(presented: string, expected: string): boolean {
  return timingSafeEqual(digest(presented), digest(expected));
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Writes need the bearer token; without a token the server is read-only. */
export function writeGuard(token: string | null): MiddlewareHandler {
  return async (c, next) => {
    if (WRITE_METHODS.has(c.req.method)) {
      if (!token) throw new AnnalsError('E042', 'the server is read-only: start it with --token (or ANNALS_TOKEN) to allow corrections');
      const auth = c.req.header('authorization') ?? '';
      const m = /^Bearer\s+(\S+)$/i.exec(auth);
      if (!m || !tokenMatches(m[1], token)) throw new AnnalsError('E040', 'writes need the header "Authorization: Bearer <token>" with the server\'s token');
    }
    await next();
  };
}

/** Refuse bodies over `maxBytes` (declared or streamed), before parsing them. */
export function bodyLimit(maxBytes: number): MiddlewareHandler {
  return honoBodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new AnnalsError('E041', `request body over ${maxBytes} bytes`);
    },
  });
}

/** Read a JSON object body, or fail with E020. */
export async function jsonBody(req: { header(name: string): string | undefined; text(): Promise<string> }): Promise<unknown> {
  const type = req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) throw new AnnalsError('E020', 'the body must be JSON (Content-Type: application/json)');
  const text = await req.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new AnnalsError('E020', 'the body is not valid JSON');
  }
}
