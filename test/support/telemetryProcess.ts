/**
 * Starts and stops telemetry in a process of its own: the exporter's timers must not leak into
 * jest, and pino must be loaded after telemetry has started (as bot.ts does), which a jest worker
 * that has loaded it already cannot show. With LOG_MARKER set, one pino line carrying it is
 * written between start and stop.
 */
import { startTelemetry } from '../../src/main/telemetry';

async function main(): Promise<void> {
  const off = await startTelemetry(undefined);
  const on = await startTelemetry(process.env.CONNECTION_STRING);
  if (process.env.LOG_MARKER) {
    const { createLogger } = await import('../../src/logging/logger');
    createLogger('info').warn({ marker: process.env.LOG_MARKER }, `telemetry test line ${process.env.LOG_MARKER}`);
  }
  await on?.stop();
  process.stdout.write(JSON.stringify({ off: off === undefined, on: on !== undefined }));
  process.exit(0);
}

void main();
