/**
 * OpenTelemetry to Application Insights (HTTP requests, dependencies such as Cosmos DB and the
 * Bot Connector, and the pino logs), only when a connection string is configured: without one,
 * the Azure Monitor package is not even loaded and nothing leaves the machine. Started before
 * the server so its HTTP handling is instrumented.
 */
export async function startTelemetry(connectionString: string | undefined): Promise<{ stop(): Promise<void> } | undefined> {
  if (!connectionString) return undefined;
  const { useAzureMonitor, shutdownAzureMonitor } = await import('@azure/monitor-opentelemetry');
  useAzureMonitor({ azureMonitorExporterOptions: { connectionString } });
  return { stop: () => shutdownAzureMonitor() };
}
