// The second half of dashboardApp.bicep: the dashboard's app registration again, now with its
// Application ID URI api://<host>/<app id> (what the Teams manifest's webApplicationInfo.resource
// names and DASHBOARD_APP_ID_URI holds) and Teams' desktop, mobile and web clients pre-authorised.
extension microsoftGraphV1

param uniqueName string
param displayName string
param appId string
param hostName string
param scopes array
param scopeId string

// Microsoft Teams: desktop and mobile, and web.
var teamsClients = [
  '1fec8e78-bce4-4aaf-ab1b-5451cc387264'
  '5e3ce6c0-2b1f-4285-8d4b-75ee78787346'
]

resource app 'Microsoft.Graph/applications@v1.0' = {
  uniqueName: uniqueName
  displayName: displayName
  signInAudience: 'AzureADMyOrg'
  identifierUris: [
    'api://${hostName}/${appId}'
  ]
  api: {
    requestedAccessTokenVersion: 2
    oauth2PermissionScopes: scopes
    preAuthorizedApplications: [for client in teamsClients: {
      appId: client
      delegatedPermissionIds: [
        scopeId
      ]
    }]
  }
}

output appIdUri string = 'api://${hostName}/${appId}'
