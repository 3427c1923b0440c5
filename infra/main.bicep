// Logbog in Azure. The walking skeleton provisions the database; the bot resource, app host,
// Key Vault and Application Insights come with issue 6.
targetScope = 'resourceGroup'

param location string = resourceGroup().location
param cosmosAccountName string

module cosmos 'modules/cosmos.bicep' = {
  name: 'cosmos'
  params: {
    location: location
    accountName: cosmosAccountName
  }
}

output cosmosEndpoint string = cosmos.outputs.endpoint
