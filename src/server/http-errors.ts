/** The one place errors become HTTP answers: SightlineError codes map to statuses, everything else is a 500 without internals. */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { SightlineError } from '../errors.ts';

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function errorHandler(err: FastifyError | Error, req: FastifyRequest, reply: FastifyReply): void {
  if (err instanceof HttpError) {
    reply.headers(err.headers).code(err.statusCode).send({ status: err.statusCode, detail: err.message });
    return;
  }
  if (err instanceof SightlineError) {
    reply.code(err.httpStatus).send({ status: err.httpStatus, code: err.code, detail: err.message });
    return;
  }
  const fe = err as FastifyError;
  if (fe.validation) {
    reply.code(400).send({ status: 400, code: 'BAD_REQUEST', detail: fe.message });
    return;
  }
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    reply.code(fe.statusCode).send({ status: fe.statusCode, code: fe.code, detail: fe.message });
    return;
  }
  req.log.error(err);
  reply.code(500).send({ status: 500, detail: 'internal error' });
}
