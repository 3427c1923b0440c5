import type { ErrorRequestHandler } from 'express';
import type { Logger } from '../logging/logger';

interface HttpError {
  status?: number;
  statusCode?: number;
  expose?: boolean;
  type?: string;
}

/**
 * The one place an HTTP request's error ends. Express 5 brings every rejected route here too.
 * A client's mistake the body parser found (malformed JSON 400, too large 413, an unknown
 * charset 415) is answered with its own status; a database that does not answer is 503, so a
 * caller (an Azure timer) can retry later; anything else is our fault, logged, and 500 with no
 * detail. Nothing here ends the process.
 */
export function errorHandler(logger: Logger, isStoreUnavailable: (err: unknown) => boolean): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) {
      // Too late for a status; Express closes the connection.
      logger.error({ err, path: req.path }, 'request failed after its answer began');
      next(err);
      return;
    }
    const e = (err ?? {}) as HttpError;
    const status = e.status ?? e.statusCode;
    if (e.expose && status !== undefined && status >= 400 && status < 500) {
      res.status(status).json({ error: e.type ?? 'bad request' });
      return;
    }
    if (isStoreUnavailable(err)) {
      logger.warn({ err, path: req.path }, 'database unreachable');
      res.status(503).json({ error: 'database unreachable' });
      return;
    }
    logger.error({ err, path: req.path }, 'request failed');
    res.status(500).json({ error: 'internal error' });
  };
}
