import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { appPackageDir, validateLocalization, validateManifest } from '../../tools/appManifest';
import { unzip } from '../../src/export/zip';

const run = promisify(execFile);
const BOT_ID = '3c2b1a09-8f7e-4d6c-9b5a-1e2d3c4b5a69';
const DASHBOARD_CLIENT_ID = '6e5d4c3b-2a19-4f8e-8d7c-6b5a49382716';
const DASHBOARD_APP_ID_URI = `api://logbog-husum.azurewebsites.net/${DASHBOARD_CLIENT_ID}`;

/** `npm run package`, run as an operator would, and the zip it writes checked by Microsoft's validator. */
describe('npm run package', () => {
  it('builds a zip with the bot id from configuration that passes the validator, icons included', async () => {
    await run('npm', ['run', '--silent', 'package'], { cwd: join(__dirname, '..', '..'), env: { ...process.env, MICROSOFT_APP_ID: BOT_ID, DASHBOARD_APP_ID_URI } });
    const files = unzip(readFileSync(join(appPackageDir, 'build', 'appPackage.zip')));
    expect([...files.keys()].sort()).toEqual(['color.png', 'en.json', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8')) as { id: string; bots: { botId: string; scopes: string[] }[]; localizationInfo: unknown; validDomains: string[]; webApplicationInfo: unknown; staticTabs: { contentUrl: string }[] };
    expect(await validateManifest(manifest)).toEqual([]);
    expect(await validateLocalization(JSON.parse(files.get('en.json')!.toString('utf8')) as Record<string, unknown>)).toEqual([]);
    expect(manifest.bots[0]!.botId).toBe(BOT_ID);
    expect(manifest.id).toBe(BOT_ID);
    expect(manifest.bots[0]!.scopes).toEqual(['personal', 'team', 'groupChat']);
    expect(manifest.validDomains).toEqual(['logbog-husum.azurewebsites.net']);
    expect(manifest.webApplicationInfo).toEqual({ id: DASHBOARD_CLIENT_ID, resource: DASHBOARD_APP_ID_URI });
    expect(manifest.staticTabs[0]!.contentUrl).toBe('https://logbog-husum.azurewebsites.net/dashboard/');
    expect(manifest.localizationInfo).toEqual({ defaultLanguageTag: 'da', additionalLanguages: [{ languageTag: 'en', file: 'en.json' }] });
    expect(files.get('color.png')!.equals(readFileSync(join(appPackageDir, 'color.png')))).toBe(true);
  }, 60_000);

  it('refuses to build without a bot id, and says which setting is missing', async () => {
    const env = { ...process.env, MICROSOFT_APP_ID: '', BOT_ID: '' };
    await expect(run('npm', ['run', '--silent', 'package'], { cwd: join(__dirname, '..', '..'), env })).rejects.toMatchObject({ stderr: expect.stringContaining('BOT_ID (eller MICROSOFT_APP_ID) skal være bottens app-id') });
  }, 60_000);

  it("refuses to build without the dashboard's Application ID URI, and says which setting is missing", async () => {
    const env = { ...process.env, MICROSOFT_APP_ID: BOT_ID, DASHBOARD_APP_ID_URI: '' };
    await expect(run('npm', ['run', '--silent', 'package'], { cwd: join(__dirname, '..', '..'), env })).rejects.toMatchObject({ stderr: expect.stringContaining('DASHBOARD_APP_ID_URI skal være overblikkets Application ID URI') });
  }, 60_000);

  it('translates every Danish command into English in en.json', () => {
    const manifest = JSON.parse(readFileSync(join(appPackageDir, 'manifest.json'), 'utf8')) as { bots: { commandLists: { commands: { title: string }[] }[] }[] };
    const english = JSON.parse(readFileSync(join(appPackageDir, 'en.json'), 'utf8')) as Record<string, string>;
    manifest.bots[0]!.commandLists.forEach((list, i) =>
      list.commands.forEach((_c, j) => {
        expect(english[`bots[0].commandLists[${i}].commands[${j}].title`]).toMatch(/^[a-z ]+$/);
        expect(english[`bots[0].commandLists[${i}].commands[${j}].description`]).toBeTruthy();
      }),
    );
  });

  it('reports a localization string too long for Teams', async () => {
    const english = JSON.parse(readFileSync(join(appPackageDir, 'en.json'), 'utf8')) as Record<string, unknown>;
    expect(await validateLocalization({ ...english, 'name.short': 'Logbog for social-housing programmes everywhere' })).not.toEqual([]);
  });
});
