/**
 * OpenTelemetry to Application Insights (HTTP requests, dependencies such as Cosmos DB and the
 * Bot Connector, and the pino logs), only when a connection string is configured: without one,
 * the Azure Monitor package is not even loaded and nothing leaves the machine.
 *
 * Must run before pino, express or the Cosmos SDK are loaded: instrumentations patch a module
 * when it is required, so bot.ts imports the rest of the app only after this has run.
 */
export async function startTelemetry(connectionString: string | undefined): Promise<{ stop(): Promise<void> } | undefined> {
  if (!connectionString) return undefined;
  const { useAzureMonitor, shutdownAzureMonitor } = await import('@azure/monitor-opentelemetry');
  useAzureMonitor({
    azureMonitorExporterOptions: { connectionString },
    // Every log line goes out, not only those inside a sampled request: a warning or an error
    // must not vanish because its request was not among the sampled ones.
    enableTraceBasedSamplingForLogs: false,
  });
  // The Azure Monitor distro has bunyan and winston built in but not pino (1.18–1.21), so the
  // OpenTelemetry pino instrumentation is added here. Created after useAzureMonitor, it finds the
  // distro's log provider, and every pino line becomes a log record (a trace in Application
  // Insights), with the trace and span ids of the request it belongs to.
  const { PinoInstrumentation } = await import('@opentelemetry/instrumentation-pino');
  const pino = new PinoInstrumentation();
  return {
    stop: async () => {
      pino.disable();
      await shutdownAzureMonitor();
    },
  };
}
