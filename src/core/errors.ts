/**
 * Errors with stable codes. Every error a user can see names a code from this
 * table, so messages can change while scripts keep matching on the code.
 */
export const ERRORS = {
  E001: 'file not found',
  E002: 'file unreadable',
  E003: 'file is empty',
  E004: 'file is binary or in an unsupported format',
  E005: 'file is malformed',
  E006: 'file is too large',
  E007: 'text is too long',
  E008: 'unsupported text encoding',
  E010: 'store schema is newer than this version of annals',
  E011: 'store is not consistent',
  E020: 'invalid argument',
  E021: 'not found',
  E030: 'dictionary is malformed',
  E040: 'unauthorised',
  E041: 'request too large',
  E042: 'forbidden',
  E043: 'method not allowed',
  E099: 'internal error',
} as const;

export type ErrorCode = keyof typeof ERRORS;

export class AnnalsError extends Error {
  readonly code: ErrorCode;
  /** The file, record or argument the error is about, when there is one. */
  readonly subject: string | undefined;

  constructor(code: ErrorCode, message: string, subject?: string) {
    super(message);
    this.name = 'AnnalsError';
    this.code = code;
    this.subject = subject;
  }

  /** One line for a terminal: "E003 examples/x.txt: file is empty". */
  toLine(): string {
    return `${this.code} ${this.subject ? this.subject + ': ' : ''}${this.message}`;
  }
}

export function isAnnalsError(e: unknown): e is AnnalsError {
  return e instanceof AnnalsError;
}
