// The app host: App Service on Linux with Node 22 LTS, running the bot (`npm run start:prod`,
// whose node options the memory benchmark measures) with the user-assigned identity. Every app
// setting is a variable src/config/config.ts reads (tests check this), plus AZURE_CLIENT_ID so
// DefaultAzureCredential picks that identity.
@description('Azure region')
param location string

@description('Web app name (globally unique): the bot answers at https://<name>.azurewebsites.net/api/messages')
param name string

@description('App Service plan SKU; B1 or higher keeps Always On for the reminder timer')
param skuName string = 'B1'

param identityId string
param identityClientId string
param tenantId string
param cosmosEndpoint string
param cosmosDatabase string = 'logbog'
param insightsConnectionSecretUri string
param schedulerSecretUri string

@description('The dashboard tab\'s Application ID URI, api://<host>/<app id>, for Teams SSO')
param dashboardAppIdUri string

@description('Log Analytics workspace for the app\'s diagnostic logs (HTTP, console, platform)')
param workspaceId string

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${name}-plan'
  location: location
  kind: 'linux'
  sku: { name: skuName }
  properties: { reserved: true }
}

resource site 'Microsoft.Web/sites@2023-12-01' = {
  name: name
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      // Node 20 reached end of life in April 2026; the code runs on 20 and 22 (package.json engines).
      linuxFxVersion: 'NODE|22-lts'
      appCommandLine: 'npm run start:prod'
      alwaysOn: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      healthCheckPath: '/readyz'
      appSettings: [
        { name: 'MICROSOFT_APP_ID', value: identityClientId }
        { name: 'MICROSOFT_APP_TYPE', value: 'UserAssignedMSI' }
        { name: 'MICROSOFT_APP_TENANT_ID', value: tenantId }
        { name: 'AZURE_CLIENT_ID', value: identityClientId }
        { name: 'COSMOS_ENDPOINT', value: cosmosEndpoint }
        { name: 'COSMOS_DATABASE', value: cosmosDatabase }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: '@Microsoft.KeyVault(SecretUri=${insightsConnectionSecretUri})' }
        { name: 'SCHEDULER_SECRET', value: '@Microsoft.KeyVault(SecretUri=${schedulerSecretUri})' }
        { name: 'DASHBOARD_APP_ID_URI', value: dashboardAppIdUri }
        { name: 'SCHEDULER_INTERVAL_SECONDS', value: '60' }
        { name: 'LOG_LEVEL', value: 'info' }
        { name: 'PORT', value: '8080' }
        { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'true' }
      ]
    }
  }
}

// Resource logs and metrics to the Log Analytics workspace behind Application Insights.
resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: site
  properties: {
    workspaceId: workspaceId
    logs: [ { categoryGroup: 'allLogs', enabled: true } ]
    metrics: [ { category: 'AllMetrics', enabled: true } ]
  }
}

output hostName string = site.properties.defaultHostName
output id string = site.id
