// Key Vault for the app's secrets; the app reads them as Key Vault references in its settings,
// through its managed identity (Key Vault Secrets User). Nothing secret is in the app settings.
@description('Azure region')
param location string

@description('Key Vault name (globally unique, 3-24 characters)')
param name string

@description('Principal id of the app\'s managed identity')
param readerPrincipalId string

@description('Application Insights component whose connection string is stored')
param insightsName string

@secure()
@description('Secret for POST /api/scheduler/tick (SCHEDULER_SECRET), at least 16 characters')
param schedulerSecret string

@description('Log Analytics workspace for the vault\'s audit logs')
param workspaceId string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 30
    // A deleted vault or secret cannot be purged before its retention ends, not even by an owner.
    // Cannot be turned off again once on.
    enablePurgeProtection: true
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: insightsName
}

resource insightsConnection 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'applicationinsights-connection-string'
  properties: { value: insights.properties.ConnectionString }
}

resource scheduler 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'scheduler-secret'
  properties: { value: schedulerSecret }
}

// Key Vault Secrets User
resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, readerPrincipalId, 'secrets-user')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    principalId: readerPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Resource logs and metrics to the Log Analytics workspace behind Application Insights.
resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: vault
  properties: {
    workspaceId: workspaceId
    logs: [ { categoryGroup: 'allLogs', enabled: true } ]
    metrics: [ { category: 'AllMetrics', enabled: true } ]
  }
}

output insightsConnectionSecretUri string = insightsConnection.properties.secretUri
output schedulerSecretUri string = scheduler.properties.secretUri
