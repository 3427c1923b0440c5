import type { ConnectionPolicy } from '@azure/cosmos';

/**
 * How every Cosmos client in Logbog talks to its database: the one place for timeouts and retries.
 *
 * Teams gives an invoke 5 seconds. With the database down, a turn must fail fast enough that the
 * user still hears back (the card with their values and a notice), so:
 * - `requestTimeout` 2 s per request. Single-partition reads and writes answer in milliseconds;
 *   two seconds without an answer means the database is not there.
 * - Throttling (429) is retried at most 3 times within 2 s (the SDK's default waits up to 30 s).
 * - Endpoint discovery is off. Serverless accounts live in one region, so there is nothing to
 *   discover, and with it on the SDK's timeout-failover policy retries a timed-out read up to 120
 *   times (measured: 121 s before a read against a silent server gave up). It also moves the
 *   client to the locations the account advertises, which for a plain-http server (a separately
 *   started embedded server, the Linux emulator) are https addresses, so every request then
 *   failed with EPROTO.
 * Reads the SDK still retries on its own (a reset connection, up to 10 times a second apart) are
 * cut short by the turn's deadline (src/teams/handlers/outage.ts), not here.
 */
export function connectionPolicy(kind: 'remote' | 'inProcess'): Partial<ConnectionPolicy> {
  return {
    enableEndpointDiscovery: false,
    // The embedded server in this process shares its event loop: a slow answer there is a busy
    // process, not a missing database, so it gets the SDK's patience instead.
    requestTimeout: kind === 'remote' ? 2_000 : 60_000,
    retryOptions: { maxRetryAttemptCount: 3, maxWaitTimeInSeconds: 2 },
  };
}
