// The Azure Bot registration: tells the Bot Framework where trustline's messaging endpoint is
// and which identity it uses, and connects it to Microsoft Teams.

@maxLength(20)
@minLength(4)
@description('Used to name the bot resource.')
param resourceBaseName string

@maxLength(42)
param botDisplayName string

param botServiceName string = resourceBaseName

@allowed([
  'F0'
  'S1'
])
param botServiceSku string = 'F0'

@description('The bot\'s app id: the Entra app registration\'s client id, or the managed identity\'s client id.')
param botAppId string

@allowed([
  'SingleTenant'
  'UserAssignedMSI'
])
param botAppType string = 'SingleTenant'

param botAppTenantId string

@description('Resource id of the user-assigned managed identity; used when botAppType is UserAssignedMSI.')
param identityResourceId string = ''

@description('Host name of the web app that serves /api/messages.')
param botAppDomain string

var identityProperties = botAppType == 'UserAssignedMSI' ? {
  msaAppMSIResourceId: identityResourceId
} : {}

resource botService 'Microsoft.BotService/botServices@2022-09-15' = {
  kind: 'azurebot'
  location: 'global'
  name: botServiceName
  sku: {
    name: botServiceSku
  }
  properties: union({
    displayName: botDisplayName
    endpoint: 'https://${botAppDomain}/api/messages'
    msaAppId: botAppId
    msaAppType: botAppType
    msaAppTenantId: botAppTenantId
  }, identityProperties)
}

// Connect the bot service to Microsoft Teams.
resource botServiceMsTeamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: botService
  location: 'global'
  name: 'MsTeamsChannel'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

output botServiceName string = botService.name
