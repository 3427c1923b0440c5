// The dashboard tab's Entra ID app registration, for Teams single sign-on: it exposes the
// delegated scope access_as_user, Teams' clients are pre-authorised for it (no consent prompt),
// and tokens are v2. The bot keeps its own identity (the managed identity); a managed identity
// cannot expose an API to users, so the tab needs an app registration of its own. Declared with
// the Microsoft Graph Bicep extension (infra/bicepconfig.json; Bicep 0.36.1 or later); the
// deploying user needs Application.ReadWrite.All (an Application Administrator, say).
extension microsoftGraphV1

@description('Unique name of the app registration in the tenant, e.g. logbog-husum-dashboard')
param uniqueName string

@description('Host the dashboard is served from, e.g. logbog-husum.azurewebsites.net')
param hostName string

var scopeId = guid(subscription().id, uniqueName, 'access_as_user')
var scopes = [
  {
    id: scopeId
    value: 'access_as_user'
    type: 'User'
    isEnabled: true
    adminConsentDisplayName: 'Logbog: overblik som den indloggede bruger'
    adminConsentDescription: 'Lader Teams hente Logbogs overblik for den indloggede bruger.'
    userConsentDisplayName: 'Se Logbogs overblik som dig'
    userConsentDescription: 'Lader Teams hente Logbogs overblik med dine roller i planen.'
  }
]

resource app 'Microsoft.Graph/applications@v1.0' = {
  uniqueName: uniqueName
  displayName: 'Logbog overblik (${hostName})'
  signInAudience: 'AzureADMyOrg'
  api: {
    requestedAccessTokenVersion: 2
    oauth2PermissionScopes: scopes
  }
}

resource servicePrincipal 'Microsoft.Graph/servicePrincipals@v1.0' = {
  appId: app.appId
}

// The Application ID URI holds the app's own id (api://<host>/<app id>), which exists only once the
// app does; so the same app is declared again, by its unique name, with the URI and Teams' clients.
module identifierUri 'dashboardAppIdentifier.bicep' = {
  name: 'dashboardAppIdentifier'
  params: {
    uniqueName: uniqueName
    displayName: app.displayName
    appId: app.appId
    hostName: hostName
    scopes: scopes
    scopeId: scopeId
  }
}

output clientId string = app.appId
output appIdUri string = identifierUri.outputs.appIdUri
