/** Starts and stops telemetry in a process of its own: the exporter's timers must not leak into jest. */
import { startTelemetry } from '../../src/main/telemetry';

async function main(): Promise<void> {
  const off = await startTelemetry(undefined);
  const on = await startTelemetry(process.env.CONNECTION_STRING);
  await on?.stop();
  process.stdout.write(JSON.stringify({ off: off === undefined, on: on !== undefined }));
  process.exit(0);
}

void main();
