// Application Insights (workspace-based) for the OpenTelemetry the app sends when
// APPLICATIONINSIGHTS_CONNECTION_STRING is set.
@description('Azure region')
param location string

@description('Name prefix')
param name string

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${name}-logs'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${name}-insights'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'Node.JS'
    WorkspaceResourceId: workspace.id
  }
}

output name string = insights.name
@description('The Log Analytics workspace the other resources send their diagnostic logs to')
output workspaceId string = workspace.id
