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
    /** Microsoft Graph: find people by e-mail address in the tenant, and install Logbog for those who never opened it. */
    GRAPH_ENABLED: z.enum(['true', 'false']).default('false'),
    /** Default: the bot's MICROSOFT_APP_TENANT_ID, MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD (or its managed identity). */
    GRAPH_TENANT_ID: optionalText,
    GRAPH_CLIENT_ID: optionalText,
    GRAPH_CLIENT_SECRET: optionalText,
    GRAPH_ENDPOINT: z.string().url('GRAPH_ENDPOINT skal være en URL').default('https://graph.microsoft.com'),
    /** Where Entra ID issues tokens; only for national clouds and tests. */
    GRAPH_AUTHORITY_HOST: optionalText.pipe(z.string().url('GRAPH_AUTHORITY_HOST skal være en URL').optional()),
    /** The Logbog app's id in the tenant's app catalog (not the manifest id); needed to install it for users. */
    TEAMS_APP_CATALOG_ID: optionalText,
    /** E-mail addresses or object ids, comma-separated, who may send the first plan file before any plan names them admin. */
    PLAN_ADMINS: z.string().default(''),
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
    if (c.GRAPH_ENABLED === 'true') {
      if (!(c.GRAPH_TENANT_ID ?? c.MICROSOFT_APP_TENANT_ID)) ctx.addIssue({ code: 'custom', path: ['GRAPH_TENANT_ID'], message: 'skal sættes (eller MICROSOFT_APP_TENANT_ID) når GRAPH_ENABLED=true' });
      if (!(c.GRAPH_CLIENT_ID ?? c.MICROSOFT_APP_ID)) ctx.addIssue({ code: 'custom', path: ['GRAPH_CLIENT_ID'], message: 'skal sættes (eller MICROSOFT_APP_ID) når GRAPH_ENABLED=true' });
      const managedIdentity = !c.GRAPH_CLIENT_SECRET && c.MICROSOFT_APP_TYPE === 'UserAssignedMSI';
      if (!managedIdentity && !(c.GRAPH_CLIENT_SECRET ?? c.MICROSOFT_APP_PASSWORD)) {
        ctx.addIssue({ code: 'custom', path: ['GRAPH_CLIENT_SECRET'], message: 'skal sættes (eller MICROSOFT_APP_PASSWORD, eller MICROSOFT_APP_TYPE=UserAssignedMSI) når GRAPH_ENABLED=true' });
      }
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
  /** Absent unless GRAPH_ENABLED=true. A client secret, or else the managed identity `clientId` names. */
  graph?: { tenantId: string; clientId: string; clientSecret?: string; endpoint: string; authorityHost?: string; teamsAppCatalogId?: string };
  /** Who may send the first plan file (PLAN_ADMINS). */
  planAdmins: string[];
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
    ...(e.GRAPH_ENABLED === 'true'
      ? {
          graph: {
            tenantId: (e.GRAPH_TENANT_ID ?? e.MICROSOFT_APP_TENANT_ID)!,
            clientId: (e.GRAPH_CLIENT_ID ?? e.MICROSOFT_APP_ID)!,
            ...((e.GRAPH_CLIENT_SECRET ?? e.MICROSOFT_APP_PASSWORD) ? { clientSecret: (e.GRAPH_CLIENT_SECRET ?? e.MICROSOFT_APP_PASSWORD)! } : {}),
            endpoint: e.GRAPH_ENDPOINT.replace(/\/+$/, ''),
            ...(e.GRAPH_AUTHORITY_HOST ? { authorityHost: e.GRAPH_AUTHORITY_HOST } : {}),
            ...(e.TEAMS_APP_CATALOG_ID ? { teamsAppCatalogId: e.TEAMS_APP_CATALOG_ID } : {}),
          },
        }
      : {}),
    planAdmins: e.PLAN_ADMINS.split(',').map((a) => a.trim()).filter(Boolean),
  };
}
