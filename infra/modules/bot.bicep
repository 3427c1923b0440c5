// The Azure Bot resource with the Teams channel. Multi-tenant bots can no longer be created, so
// the bot is the app's user-assigned managed identity (UserAssignedMSI) in the app's tenant.
@description('Bot resource name')
param name string

@description('Messaging endpoint, https://<host>/api/messages')
param endpoint string

param identityId string
param identityClientId string
param tenantId string

@description('Log Analytics workspace for the bot\'s channel request logs')
param workspaceId string

@description('F0 (free, Teams is a standard channel) or S1')
param sku string = 'F0'

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: name
  location: 'global'
  kind: 'azurebot'
  sku: { name: sku }
  properties: {
    displayName: 'Logbog'
    endpoint: endpoint
    msaAppId: identityClientId
    msaAppType: 'UserAssignedMSI'
    msaAppMSIResourceId: identityId
    msaAppTenantId: tenantId
    disableLocalAuth: false
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: { isEnabled: true }
  }
}

// Resource logs and metrics to the Log Analytics workspace behind Application Insights.
resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: bot
  properties: {
    workspaceId: workspaceId
    logs: [ { category: 'BotRequest', enabled: true } ]
    metrics: [ { category: 'AllMetrics', enabled: true } ]
  }
}

output botId string = identityClientId
