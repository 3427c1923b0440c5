import { ConfigError, parseConfig } from '../../src/config/config';

describe('reading configuration from the environment', () => {
  it('defaults to the embedded database on port 3978 without authentication', () => {
    const config = parseConfig({});
    expect(config.http.port).toBe(3978);
    expect(config.cosmos).toEqual({ kind: 'embedded', port: 0, dataDir: undefined, database: 'logbog' });
    expect(config.bot.appId).toBeUndefined();
  });

  it('uses Azure Cosmos DB when COSMOS_ENDPOINT is set, with a key or with managed identity', () => {
    expect(parseConfig({ COSMOS_ENDPOINT: 'https://logbog.documents.azure.com:443/', COSMOS_KEY: 'k' }).cosmos).toEqual({
      kind: 'azure',
      endpoint: 'https://logbog.documents.azure.com:443/',
      key: 'k',
      database: 'logbog',
    });
    expect(parseConfig({ COSMOS_ENDPOINT: 'https://logbog.documents.azure.com:443/' }).cosmos).toMatchObject({ kind: 'azure', key: undefined });
  });

  it('stops with a message naming the variable and its bad value', () => {
    expect(() => parseConfig({ PORT: 'abc' })).toThrow(ConfigError);
    expect(() => parseConfig({ PORT: 'abc' })).toThrow(/PORT="abc"/);
    expect(() => parseConfig({ COSMOS_ENDPOINT: 'not a url' })).toThrow(/COSMOS_ENDPOINT="not a url": COSMOS_ENDPOINT skal være en URL/);
  });

  it('requires a password and tenant when an app id is set for a single-tenant bot', () => {
    expect(() => parseConfig({ MICROSOFT_APP_ID: 'app' })).toThrow(/MICROSOFT_APP_PASSWORD.*\n.*MICROSOFT_APP_TENANT_ID/s);
  });
});
