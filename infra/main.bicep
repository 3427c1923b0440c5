// Logbog in Azure: one resource group with the bot's managed identity, Cosmos DB (serverless,
// continuous backup), Key Vault (purge protection), Application Insights on a Log Analytics
// workspace that also receives every resource's diagnostic logs, the App Service that runs the
// bot (Node 22 LTS), the Azure Bot resource with the Teams channel, and the dashboard tab's Entra
// app registration for Teams single sign-on (Microsoft Graph Bicep extension). Deploy with:
//   az deployment group create -g <group> -f infra/main.bicep -p infra/main.parameters.json -p schedulerSecret=<secret>
targetScope = 'resourceGroup'

@description('Azure region for everything but the bot resource (global)')
param location string = resourceGroup().location

@description('Short lowercase name used to derive resource names, e.g. logbog-husum')
param baseName string

@description('Cosmos DB account name (globally unique, lowercase)')
param cosmosAccountName string = '${baseName}-cosmos'

@description('Key Vault name (globally unique, 3-24 characters)')
param keyVaultName string = take('${replace(baseName, '-', '')}kv', 24)

@secure()
@description('Secret for the scheduler\'s HTTP trigger (SCHEDULER_SECRET), at least 16 characters')
param schedulerSecret string

// The App Service's default host: the bot's endpoint, the dashboard tab and its Application ID URI.
var appHostName = '${baseName}.azurewebsites.net'

module dashboardApp 'modules/dashboardApp.bicep' = {
  name: 'dashboardApp'
  params: {
    uniqueName: '${baseName}-dashboard'
    hostName: appHostName
  }
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    location: location
    name: '${baseName}-identity'
  }
}

module cosmos 'modules/cosmos.bicep' = {
  name: 'cosmos'
  params: {
    location: location
    accountName: cosmosAccountName
    dataContributorPrincipalId: identity.outputs.principalId
    workspaceId: monitoring.outputs.workspaceId
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    name: baseName
  }
}

module keyVault 'modules/keyVault.bicep' = {
  name: 'keyVault'
  params: {
    location: location
    name: keyVaultName
    readerPrincipalId: identity.outputs.principalId
    insightsName: monitoring.outputs.name
    schedulerSecret: schedulerSecret
    workspaceId: monitoring.outputs.workspaceId
  }
}

module app 'modules/appService.bicep' = {
  name: 'app'
  params: {
    location: location
    name: baseName
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    tenantId: identity.outputs.tenantId
    cosmosEndpoint: cosmos.outputs.endpoint
    insightsConnectionSecretUri: keyVault.outputs.insightsConnectionSecretUri
    schedulerSecretUri: keyVault.outputs.schedulerSecretUri
    dashboardAppIdUri: dashboardApp.outputs.appIdUri
    workspaceId: monitoring.outputs.workspaceId
  }
}

module bot 'modules/bot.bicep' = {
  name: 'bot'
  params: {
    name: '${baseName}-bot'
    endpoint: 'https://${app.outputs.hostName}/api/messages'
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    tenantId: identity.outputs.tenantId
    workspaceId: monitoring.outputs.workspaceId
  }
}

@description('The bot id: BOT_ID for npm run package')
output botId string = bot.outputs.botId
output messagingEndpoint string = 'https://${app.outputs.hostName}/api/messages'
output cosmosEndpoint string = cosmos.outputs.endpoint
@description('The dashboard tab\'s Application ID URI: DASHBOARD_APP_ID_URI for npm run package')
output dashboardAppIdUri string = dashboardApp.outputs.appIdUri
@description('For the Teams manifest\'s tabs, validDomains and webApplicationInfo (TAB_DOMAIN, DASHBOARD_CLIENT_ID)')
output tabDomain string = appHostName
output dashboardClientId string = dashboardApp.outputs.clientId
@description('For the Agents Toolkit\'s zip deploy (APP_SERVICE_RESOURCE_ID)')
output appServiceResourceId string = app.outputs.id
