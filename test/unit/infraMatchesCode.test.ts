import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { configSchema } from '../../src/config/config';
import { containerDefinitions } from '../../src/store/cosmos/containers';
import { ACCESS_SCOPE } from '../../src/http/dashboard/entraToken';
import { productionNodeOptions } from '../../bench/productionNodeOptions';

/**
 * No Bicep compiler installs from the npm registry (bicep-node downloads the CLI from GitHub,
 * which these machines cannot reach), so the Bicep is checked structurally: the modules exist
 * and are called with the parameters they declare, the parameters file fits main.bicep, and what
 * Azure is given matches what the code expects (containers, app settings, the bot's identity).
 */
const infra = join(__dirname, '..', '..', 'infra');
const read = (file: string) => readFileSync(join(infra, file), 'utf8');

interface Param {
  name: string;
  hasDefault: boolean;
}

function paramsOf(bicep: string): Param[] {
  return [...bicep.matchAll(/^param (\w+) \w+( = .*)?$/gm)].map((m) => ({ name: m[1]!, hasDefault: m[2] !== undefined }));
}

function moduleCalls(bicep: string): { name: string; path: string; params: string[] }[] {
  return [...bicep.matchAll(/^module (\w+) '([^']+)' = \{\n([\s\S]*?)\n\}/gm)].map((m) => {
    const body = m[3]!;
    const block = /params: \{\n([\s\S]*?)\n {2}\}/.exec(body)?.[1] ?? '';
    return { name: m[1]!, path: m[2]!, params: [...block.matchAll(/^ {4}(\w+):/gm)].map((p) => p[1]!) };
  });
}

describe('the Bicep in infra/', () => {
  const main = read('main.bicep');

  it.each(moduleCalls(read('main.bicep')).map((c) => [c.name, c] as const))('calls module %s with exactly the parameters it declares, every required one given', (_name, call) => {
    const file = join(infra, call.path);
    expect(existsSync(file)).toBe(true);
    const declared = paramsOf(readFileSync(file, 'utf8'));
    expect(call.params.filter((p) => !declared.some((d) => d.name === p))).toEqual([]);
    expect(declared.filter((d) => !d.hasDefault && !call.params.includes(d.name)).map((d) => d.name)).toEqual([]);
  });

  it('provisions the bot, the app host, Cosmos DB, Key Vault and Application Insights', () => {
    const all = moduleCalls(main).map((c) => read(c.path)).join('\n');
    for (const type of ['Microsoft.BotService/botServices@', 'Microsoft.Web/sites@', 'Microsoft.Web/serverfarms@', 'Microsoft.DocumentDB/databaseAccounts@', 'Microsoft.KeyVault/vaults@', 'Microsoft.Insights/components@', 'Microsoft.ManagedIdentity/userAssignedIdentities@']) {
      expect(all).toContain(`'${type}`);
    }
  });

  it('has a parameters file that sets only parameters main.bicep declares, and every required one but the secret', () => {
    const file = JSON.parse(read('main.parameters.json')) as { parameters: Record<string, unknown> };
    const declared = paramsOf(main);
    expect(Object.keys(file.parameters).filter((k) => !declared.some((d) => d.name === k))).toEqual([]);
    // The secret is given on the command line, never written into the repository.
    expect(declared.filter((d) => !d.hasDefault && !(d.name in file.parameters)).map((d) => d.name)).toEqual(['schedulerSecret']);
  });

  it('gives the app only settings the code reads, with the bot as a user-assigned managed identity', () => {
    const appService = read('modules/appService.bicep');
    const settings = [...appService.matchAll(/\{ name: '(\w+)', value: /g)].map((m) => m[1]!);
    const known = new Set([...Object.keys(configSchema.innerType().shape), 'AZURE_CLIENT_ID', 'SCM_DO_BUILD_DURING_DEPLOYMENT']);
    expect(settings.filter((s) => !known.has(s))).toEqual([]);
    expect(appService).toContain("{ name: 'MICROSOFT_APP_TYPE', value: 'UserAssignedMSI' }");
    // A supported Node LTS (20 ended in April 2026), and one package.json allows.
    expect(appService).toContain("linuxFxVersion: 'NODE|22-lts'");
    const engines = (JSON.parse(readFileSync(join(dirname(infra), 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
    expect(engines).toBe('>=20');
    const bot = read('modules/bot.bicep');
    expect(bot).toContain("msaAppType: 'UserAssignedMSI'");
    expect(bot).toContain("name: 'MsTeamsChannel'");
    expect(main).toContain("endpoint: 'https://${app.outputs.hostName}/api/messages'");
    const pkg = JSON.parse(readFileSync(join(dirname(infra), 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(appService).toContain(`appCommandLine: 'npm run start:prod'`);
    // The compiled bot, with the node options the memory benchmark reads from here and runs it with.
    expect(pkg.scripts['start:prod']).toBe(['node', ...productionNodeOptions(), 'dist/src/main/bot.js'].join(' '));
  });

  it('starts production with node options this Node accepts', () => {
    // An option Node does not know stops it before the bot starts ("bad option").
    const run = spawnSync(process.execPath, [...productionNodeOptions(), '-e', '0'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it("registers the dashboard's Entra app with the Application ID URI the manifest, the config and the token check expect", () => {
    const app = read('modules/dashboardApp.bicep');
    const identifier = read('modules/dashboardAppIdentifier.bicep');
    const manifest = JSON.parse(readFileSync(join(dirname(infra), 'appPackage', 'manifest.json'), 'utf8')) as { webApplicationInfo: { id: string; resource: string }; validDomains: string[]; staticTabs: { contentUrl: string }[] };
    // The same shape in all three: api://<the host the tab is served from>/<the app's client id>.
    expect(manifest.webApplicationInfo).toEqual({ id: '${{DASHBOARD_CLIENT_ID}}', resource: 'api://${{TAB_DOMAIN}}/${{DASHBOARD_CLIENT_ID}}' });
    expect(manifest.validDomains).toEqual(['${{TAB_DOMAIN}}']);
    expect(identifier).toContain("'api://${hostName}/${appId}'");
    expect(app).toContain('appId: app.appId');
    expect(main).toContain("var appHostName = '${baseName}.azurewebsites.net'");
    expect(main).toMatch(/module dashboardApp 'modules\/dashboardApp\.bicep' = \{[\s\S]*?hostName: appHostName/);
    expect(main).toContain('output tabDomain string = appHostName');
    expect(main).toContain('output dashboardClientId string = dashboardApp.outputs.clientId');
    expect(main).toContain('dashboardAppIdUri: dashboardApp.outputs.appIdUri');
    expect(read('modules/appService.bicep')).toContain("{ name: 'DASHBOARD_APP_ID_URI', value: dashboardAppIdUri }");
    // What the Bicep makes is what config accepts and the token check requires.
    expect(configSchema.innerType().shape.DASHBOARD_APP_ID_URI.safeParse('api://logbog-husum.azurewebsites.net/5a6b7c8d-1234-4abc-9def-0123456789ab').success).toBe(true);
    expect(app).toContain(`value: '${ACCESS_SCOPE}'`);
    expect(app).toContain('requestedAccessTokenVersion: 2');
    // Teams desktop/mobile and Teams web may ask for the token without a consent prompt.
    expect(identifier).toContain("'1fec8e78-bce4-4aaf-ab1b-5451cc387264'");
    expect(identifier).toContain("'5e3ce6c0-2b1f-4285-8d4b-75ee78787346'");
    // The Graph resources need the extension, declared where Bicep looks for it.
    expect(JSON.parse(read('bicepconfig.json'))).toEqual({ extensions: { microsoftGraphV1: expect.stringMatching(/^br:mcr\.microsoft\.com\/bicep\/extensions\/microsoftgraph\/v1\.0:1\./) } });
    for (const file of [app, identifier]) expect(file).toMatch(/^extension microsoftGraphV1$/m);
  });

  it('protects Key Vault against purging', () => {
    const vault = read('modules/keyVault.bicep');
    expect(vault).toContain('enableSoftDelete: true');
    expect(vault).toContain('enablePurgeProtection: true');
  });

  it.each([
    ['modules/cosmos.bicep', 'account', "'Microsoft.DocumentDB/databaseAccounts@"],
    ['modules/appService.bicep', 'site', "'Microsoft.Web/sites@"],
    ['modules/keyVault.bicep', 'vault', "'Microsoft.KeyVault/vaults@"],
    ['modules/bot.bicep', 'bot', "'Microsoft.BotService/botServices@"],
  ])('sends the diagnostic logs and metrics of %s to the Log Analytics workspace', (file, symbol, type) => {
    const bicep = read(file);
    expect(bicep).toContain(`resource ${symbol} ${type}`);
    const settings = /resource \w+ 'Microsoft\.Insights\/diagnosticSettings@[^']+' = \{\n([\s\S]*?)\n\}/.exec(bicep)?.[1] ?? '';
    expect(settings).toContain(`scope: ${symbol}\n`);
    expect(settings).toContain('workspaceId: workspaceId');
    expect(settings).toMatch(/logs: \[ \{ (categoryGroup: 'allLogs'|category: '\w+'), enabled: true \} \]/);
    expect(settings).toContain("metrics: [ { category: 'AllMetrics', enabled: true } ]");
    // The workspace is the one Application Insights is built on.
    const call = moduleCalls(main).find((c) => c.path === file)!;
    expect(main).toMatch(new RegExp(`module ${call.name} '${file}' = \\{[\\s\\S]*?workspaceId: monitoring\\.outputs\\.workspaceId`));
  });

  it('builds Application Insights on the workspace the diagnostic logs go to', () => {
    const monitoring = read('modules/monitoring.bicep');
    expect(monitoring).toContain('WorkspaceResourceId: workspace.id');
    expect(monitoring).toContain('output workspaceId string = workspace.id');
  });

  describe('the Cosmos DB module', () => {
    const bicep = read('modules/cosmos.bicep');
    const declared = [...bicep.matchAll(/id: '([a-z]+)',?\s*partitionKey: \{ paths: \[ '([^']+)' \]/g)].map((m) => [m[1], m[2]]);

    it('declares every container the code uses, with the same partition key', () => {
      const expected = Object.values(containerDefinitions).map((c) => [c.id, c.partitionKey.paths[0]]);
      expect(declared.sort()).toEqual(expected.sort());
    });

    it("declares the records container's composite index on type and date", () => {
      expect(bicep).toContain("[ { path: '/type', order: 'ascending' }, { path: '/date', order: 'ascending' } ]");
    });

    it('turns time to live on for the reminders container, as the code declares it', () => {
      expect(containerDefinitions.reminders.defaultTtl).toBe(-1);
      expect(bicep).toContain("properties: { resource: { id: 'reminders', partitionKey: { paths: [ '/planId' ], kind: 'Hash' }, defaultTtl: -1 } }");
    });

    it("leaves the audit entries' before/after snapshots in the records container out of the index, as the code declares it", () => {
      const records = /resource records [\s\S]*?\n\}/.exec(bicep)![0];
      const excluded = [...records.matchAll(/\{ path: '([^']+)' \}/g)].map((m) => m[1]).filter((p) => p !== '/*' && p !== '/type' && p !== '/date');
      expect(excluded).toEqual(containerDefinitions.records.indexingPolicy.excludedPaths.map((p) => p.path));
      expect(excluded).toEqual(expect.arrayContaining(['/before/*', '/after/*']));
    });

    it('keeps continuous backup (point-in-time restore over the last 7 days, the serverless tier)', () => {
      expect(bicep).toContain("backupPolicy: { type: 'Continuous', continuousModeProperties: { tier: 'Continuous7Days' } }");
    });

    it('is serverless, without account keys, and gives the app data access through its identity', () => {
      expect(bicep).toContain("capabilities: [ { name: 'EnableServerless' } ]");
      expect(bicep).toContain('disableLocalAuth: true');
      expect(bicep).toContain("sqlRoleDefinitions/00000000-0000-0000-0000-000000000002'");
    });
  });
});

describe('the Agents Toolkit project (m365agents.yml)', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parse } = require('yaml') as typeof import('yaml');
  const root = join(__dirname, '..', '..');
  const project = parse(readFileSync(join(root, 'm365agents.yml'), 'utf8')) as Record<string, { uses: string; with?: Record<string, unknown> }[]>;

  it('provisions with infra/main.bicep and a parameters file that fits it', () => {
    const arm = project.provision!.find((s) => s.uses === 'arm/deploy')!;
    const [template] = arm.with!.templates as { path: string; parameters: string }[];
    expect(template!.path).toBe('./infra/main.bicep');
    const parameters = JSON.parse(readFileSync(join(root, template!.parameters), 'utf8')) as { parameters: Record<string, unknown> };
    const declared = paramsOf(read('main.bicep'));
    expect(Object.keys(parameters.parameters).every((k) => declared.some((d) => d.name === k))).toBe(true);
    expect(declared.filter((d) => !d.hasDefault).every((d) => d.name in parameters.parameters)).toBe(true);
  });

  it('uses placeholders the Bicep outputs or the toolkit provide, and files that exist', () => {
    const text = readFileSync(join(root, 'm365agents.yml'), 'utf8');
    expect(text).toContain('${{APP_SERVICE_RESOURCE_ID}}');
    expect(read('main.bicep')).toContain('output appServiceResourceId string');
    expect(read('main.bicep')).toContain('output botId string');
    for (const step of [...project.provision!, ...project.deploy!]) {
      const manifestPath = step.with?.manifestPath;
      if (typeof manifestPath === 'string') expect(existsSync(join(root, manifestPath))).toBe(true);
    }
  });
});
