import { ClientSecretCredential, ManagedIdentityCredential } from '@azure/identity';
import type { Config } from '../config/config';
import type { Logger } from '../logging/logger';
import { GraphDirectory } from './graphDirectory';

/** Microsoft Graph with the app's client secret, or its user-assigned managed identity when there is no secret. */
export function createGraph(config: NonNullable<Config['graph']>, logger: Logger): GraphDirectory {
  const credential = config.clientSecret
    ? new ClientSecretCredential(config.tenantId, config.clientId, config.clientSecret, config.authorityHost ? { authorityHost: config.authorityHost, disableInstanceDiscovery: true } : {})
    : new ManagedIdentityCredential({ clientId: config.clientId });
  return new GraphDirectory({ endpoint: config.endpoint, ...(config.teamsAppCatalogId ? { teamsAppCatalogId: config.teamsAppCatalogId } : {}) }, credential, logger);
}
