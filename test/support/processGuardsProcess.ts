/**
 * A process with Logbog's process guards and nothing else. MODE=rejection leaves a promise
 * rejection unhandled and then reports that it is still running; MODE=exception throws from a
 * timer, whereupon the guards should stop it (the shutdown callback writes "stopped").
 */
import { createLogger } from '../../src/logging/logger';
import { installProcessGuards } from '../../src/main/processGuards';

installProcessGuards(createLogger('info', process.stderr), async () => {
  process.stdout.write('stopped\n');
});

if (process.env.MODE === 'rejection') {
  void Promise.reject(new Error('background work failed'));
  setTimeout(() => {
    process.stdout.write('still running\n');
    process.exit(0);
  }, 200);
} else {
  setTimeout(() => {
    throw new Error('synchronous failure');
  }, 10);
  // Keeps the process alive until the guards end it.
  setInterval(() => undefined, 1_000);
}
