/**
 * `npm run package`: builds the Teams app package (appPackage/build/appPackage.zip) with the bot
 * id from configuration, after Microsoft's validator has accepted the manifest and the English
 * localization. BOT_ID defaults to MICROSOFT_APP_ID; TEAMS_APP_ID (the app's own id in Teams)
 * defaults to the bot id. DASHBOARD_APP_ID_URI (`api://<host>/<client id>`, the Bicep output
 * dashboardAppIdUri) gives the tabs' host and the dashboard's Entra app for Teams SSO.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { appPackageDir, substitutePlaceholders, validateLocalization, validateManifest } from './appManifest';
import { zip } from '../src/export/zip';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function packageApp(env: Record<string, string | undefined>, outDir = join(appPackageDir, 'build')): Promise<string> {
  const botId = env.BOT_ID ?? env.MICROSOFT_APP_ID;
  const teamsAppId = env.TEAMS_APP_ID ?? botId;
  if (!botId || !GUID.test(botId)) throw new Error(`BOT_ID (eller MICROSOFT_APP_ID) skal være bottens app-id, et GUID; fik ${JSON.stringify(botId)}`);
  if (!teamsAppId || !GUID.test(teamsAppId)) throw new Error(`TEAMS_APP_ID skal være et GUID; fik ${JSON.stringify(teamsAppId)}`);
  const dashboard = /^api:\/\/([^/\s]+)\/([0-9a-f-]{36})$/i.exec(env.DASHBOARD_APP_ID_URI ?? '');
  if (!dashboard || !GUID.test(dashboard[2]!)) throw new Error(`DASHBOARD_APP_ID_URI skal være overblikkets Application ID URI, api://<værtsnavn>/<app-id>; fik ${JSON.stringify(env.DASHBOARD_APP_ID_URI)}`);

  const manifestText = substitutePlaceholders(await readFile(join(appPackageDir, 'manifest.json'), 'utf8'), { BOT_ID: botId, TEAMS_APP_ID: teamsAppId, TAB_DOMAIN: dashboard[1]!, DASHBOARD_CLIENT_ID: dashboard[2]! });
  const manifest = JSON.parse(manifestText) as Record<string, unknown>;
  const english = JSON.parse(await readFile(join(appPackageDir, 'en.json'), 'utf8')) as Record<string, unknown>;
  const problems = [...(await validateManifest(manifest)), ...(await validateLocalization(english)).map((e) => `en.json: ${e}`)];
  if (problems.length) throw new Error(`Teams-manifestet er ugyldigt:\n${problems.map((p) => `  - ${p}`).join('\n')}`);

  const files = [
    { name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) },
    { name: 'en.json', data: await readFile(join(appPackageDir, 'en.json')) },
    { name: 'color.png', data: await readFile(join(appPackageDir, 'color.png')) },
    { name: 'outline.png', data: await readFile(join(appPackageDir, 'outline.png')) },
  ];
  await mkdir(outDir, { recursive: true });
  const out = join(outDir, 'appPackage.zip');
  await writeFile(out, zip(files));
  return out;
}

if (require.main === module) {
  packageApp(process.env)
    .then((out) => process.stdout.write(`Teams-pakke skrevet / package written: ${out}\n`))
    .catch((err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    });
}
