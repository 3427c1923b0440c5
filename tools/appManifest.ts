import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AppManifestUtils, TeamsManifestConverter, type AppManifest } from '@microsoft/app-manifest';


/**
 * Validates a Teams app manifest with Microsoft's own validator, `AppManifestUtils.validateAgainstSchema`
 * from `@microsoft/app-manifest` (ajv + ajv-draft-04 + ajv-formats, the same code the Microsoft 365 Agents
 * Toolkit runs), and never touches the network.
 *
 * Left to itself, `validateAgainstSchema(manifest)` resolves `manifest.$schema` through `fetchSchema`, which
 * reads the copy bundled in the package when there is one and otherwise *downloads* the URL. So this helper
 * resolves `$schema` to the bundled file itself and passes the schema in explicitly: a `$schema` the package
 * does not bundle is reported as an error instead of being fetched.
 *
 * Also runs the package's `TeamsManifestConverter.jsonToManifest` type check (what
 * `AppManifestUtils.readTeamsManifest` does) and reports its failure as an error.
 *
 * @returns the error strings; empty when the manifest is valid.
 */
export async function validateManifest(manifestJson: unknown): Promise<string[]> {
  if (typeof manifestJson !== 'object' || manifestJson === null || Array.isArray(manifestJson)) {
    return ['the manifest is not a JSON object'];
  }
  const schemaUrl = (manifestJson as { $schema?: unknown }).$schema;
  if (typeof schemaUrl !== 'string') return ['the manifest has no $schema, so there is nothing to validate it against'];

  const schemaFile = bundledSchemaFile(schemaUrl);
  if (!schemaFile) {
    return [`$schema ${schemaUrl} is not one bundled with @microsoft/app-manifest; refusing to fetch it`];
  }
  // The same clean-up AppManifestUtils.fetchSchema applies before JSON.parse, so the compiled schema is identical.
  const schemaText = (await readFile(schemaFile, 'utf8')).replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b');
  const schema = JSON.parse(schemaText) as Parameters<typeof AppManifestUtils.validateAgainstSchema>[1];

  const errors = await AppManifestUtils.validateAgainstSchema(manifestJson as AppManifest, schema);

  try {
    TeamsManifestConverter.jsonToManifest(JSON.stringify(manifestJson));
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    // Its messages quote the whole offending value; keep the report readable.
    errors.push(`type check (TeamsManifestConverter.jsonToManifest): ${message.length > 300 ? `${message.slice(0, 300)}…` : message}`);
  }
  return errors;
}

const appManifestBuildDir = path.join(path.dirname(require.resolve('@microsoft/app-manifest/package.json')), 'build');

/**
 * Maps a Teams schema URL to the JSON schema file bundled in @microsoft/app-manifest, the way the package's own
 * (private) `getLocalSchemaSuffix` does: `https://developer.microsoft.com[/en-us]/json-schemas/teams/vX/…json`
 * → `<package>/build/json-schemas/teams/vX/…json`. Undefined when the URL is not one of those or the file is absent.
 */
export function bundledSchemaFile(schemaUrl: string): string | undefined {
  const match = /^https:\/\/developer\.microsoft\.com\/(?:[a-z]{2}(?:-[a-z]{2})?\/)?(json-schemas\/teams\/v[\w.]+\/[\w.]+\.json)$/i.exec(
    schemaUrl,
  );
  const suffix = match?.[1];
  if (!suffix) return undefined;
  const file = path.join(appManifestBuildDir, ...suffix.split('/'));
  return existsSync(file) ? file : undefined;
}

export const appPackageDir = path.join(__dirname, '..', 'appPackage');

/** Fixed stand-ins for the placeholders the package script substitutes at build time. */
export const placeholderValues = {
  TEAMS_APP_ID: '2f9c6d1e-6b0a-4c55-9a3e-0d7b4e8f1a21',
  BOT_ID: '7a1e3b5c-2d4f-4e6a-8b9c-0e1f2a3b4c5d',
  TAB_DOMAIN: 'logbog-husum.azurewebsites.net',
  DASHBOARD_CLIENT_ID: '5a6b7c8d-1234-4abc-9def-0123456789ab',
} as const;

/**
 * Reads appPackage/manifest.json and replaces its `${{NAME}}` placeholders with the fixed GUIDs above.
 * Throws if the file has a placeholder this helper does not know, so a new one cannot slip through unvalidated.
 */
export function loadManifestForValidation(): Record<string, unknown> {
  const text = readFileSync(path.join(appPackageDir, 'manifest.json'), 'utf8');
  const substituted = text.replace(/\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (placeholder, name: string) => {
    if (!Object.hasOwn(placeholderValues, name)) {
      throw new Error(`appPackage/manifest.json has a placeholder the test does not know: ${placeholder}`);
    }
    return placeholderValues[name as keyof typeof placeholderValues];
  });
  return JSON.parse(substituted) as Record<string, unknown>;
}

/** Validates a localization file (appPackage/en.json) against the bundled Localization schema its $schema names. */
export async function validateLocalization(json: Record<string, unknown>): Promise<string[]> {
  const schemaFile = typeof json.$schema === 'string' ? bundledSchemaFile(json.$schema) : undefined;
  if (!schemaFile) return [`$schema ${String(json.$schema)} is not a localization schema bundled with @microsoft/app-manifest`];
  // The bundled localization schema writes `\\b]` in its key patterns; a lone `]` is a syntax error
  // in the unicode-mode regular expressions ajv compiles, so it is escaped (same meaning).
  const text = (await readFile(schemaFile, 'utf8')).replace(/\\\\b\]/g, '\\\\b\\\\]');
  const schema = JSON.parse(text) as Parameters<typeof AppManifestUtils.validateAgainstSchema>[1];
  return AppManifestUtils.validateAgainstSchema(json as unknown as AppManifest, schema);
}

/** Replaces `${{NAME}}` placeholders; throws on one without a value, so none can reach a package. */
export function substitutePlaceholders(text: string, values: Record<string, string>): string {
  return text.replace(/\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (placeholder, name: string) => {
    const value = values[name];
    if (!value) throw new Error(`no value for ${placeholder}`);
    return value;
  });
}
