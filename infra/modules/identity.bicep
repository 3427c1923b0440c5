// The app's user-assigned managed identity: the bot's identity in Bot Framework (UserAssignedMSI,
// no client secret) and its identity towards Cosmos DB and Key Vault.
@description('Azure region')
param location string

@description('Name of the managed identity')
param name string

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
}

output id string = identity.id
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
output tenantId string = identity.properties.tenantId
