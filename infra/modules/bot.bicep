// Azure Bot registration (kind azurebot) pointing at the web app, with the Microsoft Teams channel.

param tags object
param name string
param displayName string

@allowed([
  'F0'
  'S1'
])
param sku string

@description('https://<host>/api/messages')
param endpoint string

@allowed([
  'SingleTenant'
  'UserAssignedMSI'
])
param appType string

param appId string
param tenantId string

@description('Resource id of the user-assigned identity; used when appType is UserAssignedMSI.')
param identityId string

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: name
  // Bot registrations are global resources.
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: {
    name: sku
  }
  properties: {
    displayName: displayName
    endpoint: endpoint
    msaAppId: appId
    msaAppType: appType
    msaAppTenantId: tenantId
    msaAppMSIResourceId: appType == 'UserAssignedMSI' ? identityId : null
    publicNetworkAccess: 'Enabled'
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
      enableCalling: false
    }
  }
}

output name string = bot.name
