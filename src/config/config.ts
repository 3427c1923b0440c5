import { z } from 'zod';

/**
 * Every setting Logbog reads from its environment, parsed once at start-up.
 * Nothing else in src/ reads process.env; the parsed Config is passed down.
 */
const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const port = z.coerce.number().int().min(0).max(65535);

export const configSchema = z
  .object({
    PORT: port.default(3978),
    HOST: z.string().default('0.0.0.0'),
    /** Bot Framework app registration; empty means local development without authentication. */
    MICROSOFT_APP_ID: optionalText,
    MICROSOFT_APP_PASSWORD: optionalText,
    MICROSOFT_APP_TENANT_ID: optionalText,
    MICROSOFT_APP_TYPE: z.enum(['SingleTenant', 'MultiTenant', 'UserAssignedMSI']).default('SingleTenant'),
    /** Where Bot Framework's token signing keys are published; only for sovereign clouds and tests. */
    BOT_OPENID_METADATA: optionalText.pipe(z.string().url('BOT_OPENID_METADATA skal være en URL').optional()),
    /** The dashboard tab's Entra app, `api://<host>/<client id>` (webApplicationInfo.resource in the manifest); unset = no Teams SSO. */
    DASHBOARD_APP_ID_URI: optionalText.pipe(
      z
        .string()
        .regex(/^api:\/\/[^/\s]+\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'DASHBOARD_APP_ID_URI skal have formen api://<værtsnavn>/<app-id>')
        .optional(),
    ),
    /** Where Entra ID publishes its token signing keys for the tenant; only for sovereign clouds and tests. */
    ENTRA_OPENID_METADATA: optionalText.pipe(z.string().url('ENTRA_OPENID_METADATA skal være en URL').optional()),
    /** Application Insights; when set, traces and metrics go there through OpenTelemetry. */
    APPLICATIONINSIGHTS_CONNECTION_STRING: optionalText,
    /** Optional Azure OpenAI for questions the deterministic parser cannot read; unset = no model is ever asked. */
    AZURE_OPENAI_ENDPOINT: optionalText.pipe(z.string().url('AZURE_OPENAI_ENDPOINT skal være en URL').optional()),
    AZURE_OPENAI_API_KEY: optionalText,
    AZURE_OPENAI_DEPLOYMENT: z.string().min(1).default('gpt-4o-mini'),
    /** Azure Cosmos DB; when unset the embedded Cosmos-compatible server is started. */
    COSMOS_ENDPOINT: optionalText.pipe(z.string().url('COSMOS_ENDPOINT skal være en URL').optional()),
    COSMOS_KEY: optionalText,
    COSMOS_DATABASE: z.string().min(1).default('logbog'),
    /** Port of the embedded server (0 = any free port). */
    EMBEDDED_COSMOS_PORT: port.default(0),
    /** Where the embedded server keeps its data between runs; empty = memory only. */
    EMBEDDED_COSMOS_DATA_DIR: optionalText,
    /** How often each instance plans and sends reminders; 0 turns the in-process timer off. */
    SCHEDULER_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60),
    /** Secret for POST /api/scheduler/tick (an Azure timer); unset = no HTTP trigger. */
    SCHEDULER_SECRET: optionalText.pipe(z.string().min(16, 'SCHEDULER_SECRET skal være mindst 16 tegn').optional()),
    /** Local hour from which a day's reminders are planned and sent. */
    REMINDER_HOUR: z.coerce.number().int().min(0).max(23).default(7),
    /** This process's name in leases and claims; defaults to host and process id. */
    INSTANCE_ID: optionalText,
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .superRefine((c, ctx) => {
    if (c.MICROSOFT_APP_ID && c.MICROSOFT_APP_TYPE !== 'UserAssignedMSI' && !c.MICROSOFT_APP_PASSWORD) {
      ctx.addIssue({ code: 'custom', path: ['MICROSOFT_APP_PASSWORD'], message: 'skal sættes når MICROSOFT_APP_ID er sat' });
    }
    if (c.MICROSOFT_APP_ID && c.MICROSOFT_APP_TYPE === 'SingleTenant' && !c.MICROSOFT_APP_TENANT_ID) {
      ctx.addIssue({ code: 'custom', path: ['MICROSOFT_APP_TENANT_ID'], message: 'skal sættes for en SingleTenant-bot' });
    }
    if (c.DASHBOARD_APP_ID_URI && !c.MICROSOFT_APP_TENANT_ID) {
      ctx.addIssue({ code: 'custom', path: ['MICROSOFT_APP_TENANT_ID'], message: 'skal sættes når DASHBOARD_APP_ID_URI er sat (tokens fra andre lejere afvises)' });
    }
  });

export type Env = z.output<typeof configSchema>;

export interface Config {
  http: { port: number; host: string };
  bot: { appId?: string; appPassword?: string; tenantId?: string; appType: Env['MICROSOFT_APP_TYPE']; openIdMetadata?: string };
  telemetry: { connectionString?: string };
  /**
   * How the dashboard knows its user: Teams SSO tokens checked against Entra ID; development
   * (no app id at all: the Playground's default user, with a loud warning); or off (a bot with
   * an app id but no dashboard app: the dashboard refuses rather than run unauthenticated).
   */
  dashboard: { mode: 'sso'; appIdUri: string; clientId: string; tenantId: string; openIdMetadata: string } | { mode: 'development' } | { mode: 'off' };
  /** Absent unless AZURE_OPENAI_ENDPOINT is set. */
  languageModel?: { endpoint: string; apiKey?: string; deployment: string };
  cosmos:
    | { kind: 'azure'; endpoint: string; key?: string; database: string }
    | { kind: 'embedded'; port: number; dataDir?: string; database: string };
  scheduler: { intervalSeconds: number; secret?: string; reminderHour: number; instanceId?: string };
  logLevel: Env['LOG_LEVEL'];
}

function dashboardAuthOf(e: Env): Config['dashboard'] {
  if (e.DASHBOARD_APP_ID_URI && e.MICROSOFT_APP_TENANT_ID) {
    const tenantId = e.MICROSOFT_APP_TENANT_ID;
    return {
      mode: 'sso',
      appIdUri: e.DASHBOARD_APP_ID_URI,
      clientId: e.DASHBOARD_APP_ID_URI.split('/').pop()!,
      tenantId,
      openIdMetadata: e.ENTRA_OPENID_METADATA ?? `https://login.microsoftonline.com/${tenantId}/v2.0/.well-known/openid-configuration`,
    };
  }
  return e.MICROSOFT_APP_ID ? { mode: 'off' } : { mode: 'development' };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Ugyldig konfiguration / invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((i) => {
        const name = i.path.join('.') || '(miljø)';
        const value = env[String(i.path[0])];
        return `${name}${value === undefined ? '' : `=${JSON.stringify(value)}`}: ${i.message}`;
      }),
    );
  }
  const e = result.data;
  return {
    http: { port: e.PORT, host: e.HOST },
    bot: { appId: e.MICROSOFT_APP_ID, appPassword: e.MICROSOFT_APP_PASSWORD, tenantId: e.MICROSOFT_APP_TENANT_ID, appType: e.MICROSOFT_APP_TYPE, openIdMetadata: e.BOT_OPENID_METADATA },
    telemetry: { connectionString: e.APPLICATIONINSIGHTS_CONNECTION_STRING },
    dashboard: dashboardAuthOf(e),
    ...(e.AZURE_OPENAI_ENDPOINT ? { languageModel: { endpoint: e.AZURE_OPENAI_ENDPOINT, apiKey: e.AZURE_OPENAI_API_KEY, deployment: e.AZURE_OPENAI_DEPLOYMENT } } : {}),
    cosmos: e.COSMOS_ENDPOINT
      ? { kind: 'azure', endpoint: e.COSMOS_ENDPOINT, key: e.COSMOS_KEY, database: e.COSMOS_DATABASE }
      : { kind: 'embedded', port: e.EMBEDDED_COSMOS_PORT, dataDir: e.EMBEDDED_COSMOS_DATA_DIR, database: e.COSMOS_DATABASE },
    scheduler: { intervalSeconds: e.SCHEDULER_INTERVAL_SECONDS, secret: e.SCHEDULER_SECRET, reminderHour: e.REMINDER_HOUR, instanceId: e.INSTANCE_ID },
    logLevel: e.LOG_LEVEL,
  };
}
