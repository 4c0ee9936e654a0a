/**
 * One error type for everything a user can cause: a stable code, a message that names the file and
 * the line or record, and the exit code / HTTP status it maps to. The CLI and the server map it in one place.
 */
export type ErrorCode =
  | 'BAD_INPUT' // malformed file content
  | 'UNKNOWN_FORMAT'
  | 'UNSAFE_INPUT' // DOCTYPE/entities, zip bombs, binary posing as text
  | 'NOT_FOUND'
  | 'IO'
  | 'NETWORK'
  | 'CHECKSUM'
  | 'CONFIG'
  | 'USAGE';

export interface ErrorLocation {
  file?: string;
  line?: number;
  /** 1-based; with file and line the location reads file:line:column, as editors take it. */
  column?: number;
  record?: number | string;
}

export class SightlineError extends Error {
  readonly code: ErrorCode;
  readonly location: ErrorLocation;
  constructor(code: ErrorCode, message: string, location: ErrorLocation = {}) {
    super(formatMessage(message, location));
    this.name = 'SightlineError';
    this.code = code;
    this.location = location;
  }
  get httpStatus(): number {
    return this.code === 'NOT_FOUND' ? 404 : this.code === 'NETWORK' ? 502 : this.code === 'IO' ? 500 : 400;
  }
}

function formatMessage(message: string, loc: ErrorLocation): string {
  const where: string[] = [];
  if (loc.file && loc.line !== undefined && loc.column !== undefined) where.push(`${loc.file}:${loc.line}:${loc.column}`);
  else {
    if (loc.file) where.push(loc.file);
    if (loc.line !== undefined) where.push(`line ${loc.line}`);
  }
  if (loc.record !== undefined) where.push(`record ${loc.record}`);
  return where.length ? `${where.join(', ')}: ${message}` : message;
}

export function badInput(message: string, location: ErrorLocation = {}): SightlineError {
  return new SightlineError('BAD_INPUT', message, location);
}
