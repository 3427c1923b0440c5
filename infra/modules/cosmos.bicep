// Cosmos DB for Logbog: serverless account, one database, the containers and partition keys
// the code expects (src/store/cosmos/containers.ts; docs/storage.md explains them).
@description('Azure region')
param location string

@description('Cosmos DB account name (globally unique, lowercase)')
param accountName string

@description('Database name; must match COSMOS_DATABASE')
param databaseName string = 'logbog'

@description('Principal id of the app\'s managed identity, given data access (no keys are used)')
param dataContributorPrincipalId string

@description('Log Analytics workspace for the account\'s diagnostic logs')
param workspaceId string

resource account 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = {
  name: accountName
  location: location
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    consistencyPolicy: { defaultConsistencyLevel: 'Session' }
    locations: [ { locationName: location, failoverPriority: 0, isZoneRedundant: false } ]
    capabilities: [ { name: 'EnableServerless' } ]
    // Managed identity only: the app reads no account key in production.
    disableLocalAuth: true
    minimalTlsVersion: 'Tls12'
    // Point-in-time restore to any second of the last 7 days (the tier serverless accounts get).
    backupPolicy: { type: 'Continuous', continuousModeProperties: { tier: 'Continuous7Days' } }
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-05-15' = {
  parent: account
  name: databaseName
  properties: { resource: { id: databaseName } }
}

resource plans 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-05-15' = {
  parent: database
  name: 'plans'
  properties: { resource: { id: 'plans', partitionKey: { paths: [ '/planId' ], kind: 'Hash' } } }
}

resource members 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-05-15' = {
  parent: database
  name: 'members'
  properties: { resource: { id: 'members', partitionKey: { paths: [ '/aadObjectId' ], kind: 'Hash' } } }
}

// Everything logged in a plan, and beside it (by `type`) the append-only audit log and deleted
// records kept for undo: a record and its audit entry are written in one transactional batch in
// the plan's partition. The audit snapshots (before/after) are read by record id only, so they
// are left out of the index. (An `audit` container from before is no longer used; a deployment
// does not delete it.)
resource records 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-05-15' = {
  parent: database
  name: 'records'
  properties: {
    resource: {
      id: 'records'
      partitionKey: { paths: [ '/planId' ], kind: 'Hash' }
      defaultTtl: -1
      indexingPolicy: {
        indexingMode: 'consistent'
        automatic: true
        includedPaths: [ { path: '/*' } ]
        excludedPaths: [ { path: '/note/?' }, { path: '/summary/?' }, { path: '/before/*' }, { path: '/after/*' }, { path: '/"_etag"/?' } ]
        compositeIndexes: [
          [ { path: '/type', order: 'ascending' }, { path: '/date', order: 'ascending' } ]
        ]
      }
    }
  }
}

// Teams conversations: channel-to-network links and where to reach each conversation (reminders).
resource conversations 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-05-15' = {
  parent: database
  name: 'conversations'
  properties: { resource: { id: 'conversations', partitionKey: { paths: [ '/conversationId' ], kind: 'Hash' } } }
}

// Reminders: the outbox (one item per reminder and recipient), the planning lease per plan,
// milestone states and "næste møde" dates. Time to live on, nothing expiring by default: finished
// outbox items and idle leases carry their own `ttl` (src/store/cosmos/expiry.ts).
resource reminders 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-05-15' = {
  parent: database
  name: 'reminders'
  properties: { resource: { id: 'reminders', partitionKey: { paths: [ '/planId' ], kind: 'Hash' }, defaultTtl: -1 } }
}

// Status rollups per plan, scope and month (sessions, meetings, referrals), so status never
// reads the whole history.
resource rollups 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-05-15' = {
  parent: database
  name: 'rollups'
  properties: { resource: { id: 'rollups', partitionKey: { paths: [ '/planId' ], kind: 'Hash' } } }
}

// Cosmos DB Built-in Data Contributor: read and write items, no account keys, no control plane.
resource dataContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-05-15' = {
  parent: account
  name: guid(account.id, dataContributorPrincipalId, 'data-contributor')
  properties: {
    roleDefinitionId: '${account.id}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000002'
    principalId: dataContributorPrincipalId
    scope: account.id
  }
}

// Resource logs and metrics to the Log Analytics workspace behind Application Insights.
resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: account
  properties: {
    workspaceId: workspaceId
    // Resource-specific tables (CDBDataPlaneRequests, ...) rather than the shared AzureDiagnostics.
    logAnalyticsDestinationType: 'Dedicated'
    logs: [ { categoryGroup: 'allLogs', enabled: true } ]
    metrics: [ { category: 'AllMetrics', enabled: true } ]
  }
}

output endpoint string = account.properties.documentEndpoint
output accountName string = account.name
