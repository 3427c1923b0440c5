import pino from 'pino';

/**
 * The logging surface the app uses. pino writes JSON lines; child loggers carry the activity
 * and conversation ids so one turn's lines can be found together. Never log message text or
 * card values: they may hold personal data.
 */
export interface Logger {
  child(bindings: Record<string, unknown>): Logger;
  debug(obj: Record<string, unknown>, msg: string): void;
  info(obj: Record<string, unknown>, msg: string): void;
  warn(obj: Record<string, unknown>, msg: string): void;
  error(obj: Record<string, unknown>, msg: string): void;
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, base: { app: 'logbog' } }, destination) as unknown as Logger;
}

export const silentLogger: Logger = createLogger('silent');
