import { shutdownAzureMonitor, useAzureMonitor } from '@azure/monitor-opentelemetry';

/**
 * OpenTelemetry to Application Insights (HTTP requests, dependencies such as Cosmos DB and the
 * Bot Connector, and the pino logs), only when a connection string is configured: without one,
 * nothing is loaded and nothing leaves the machine. Started before the server so its HTTP
 * handling is instrumented.
 */
export function startTelemetry(connectionString: string | undefined): { stop(): Promise<void> } | undefined {
  if (!connectionString) return undefined;
  useAzureMonitor({ azureMonitorExporterOptions: { connectionString } });
  return { stop: () => shutdownAzureMonitor() };
}
