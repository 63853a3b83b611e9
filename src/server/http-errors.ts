/**
 * Errors as JSON: { "error": { "code": "E021", "message": "...", "subject": "..." } }
 * with an HTTP status chosen from the stable code.
 */
import { AnnalsError, isAnnalsError, type ErrorCode } from '../core/errors.js';

const STATUS: Partial<Record<ErrorCode, number>> = {
  E020: 400,
  E021: 404,
  E040: 401,
  E041: 413,
  E042: 403,
  E043: 405,
  E099: 500,
  E010: 409,
  E011: 500,
};

export interface ErrorBody {
  error: { code: ErrorCode; message: string; subject?: string };
}

export function errorBody(e: AnnalsError): ErrorBody {
  return { error: { code: e.code, message: e.message, ...(e.subject ? { subject: e.subject } : {}) } };
}

/** Status and body for anything thrown by a route; unknown errors leak no detail. */
export function toHttpError(e: unknown): { status: number; body: ErrorBody } {
  if (isAnnalsError(e)) {
    const status = STATUS[e.code] ?? 400;
    return { status, body: errorBody(e) };
  }
  return { status: 500, body: { error: { code: 'E099', message: 'internal error' } } };
}
