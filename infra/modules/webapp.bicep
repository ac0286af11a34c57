// Linux App Service plan and the .NET 10 web app that hosts GmgBot (POST /api/messages), on several instances;
// App Service's health check sends traffic only to instances whose GET /healthz/ready answers 200 (the database
// can be read and written, the knowledge and the search index are loaded) and replaces those that stay unhealthy.

param location string
param tags object
param planName string
param webAppName string

@allowed([
  'F1'
  'B1'
  'B2'
  'B3'
  'S1'
  'S2'
  'S3'
  'P0v3'
  'P1v3'
  'P2v3'
  'P3v3'
])
param skuName string

@minValue(1)
param instanceCount int

@description('Resource id of the user-assigned identity the app runs as (Key Vault references, Search, Graph, bot token).')
param identityId string

@description('Application settings, name to value. Values may be Key Vault references.')
param appSettings object

param workspaceId string

@description('Allow FTP and SCM publishing with basic credentials (publishing profiles). Off: deploy with Microsoft Entra ID (az webapp deploy).')
param allowBasicPublishingCredentials bool

// The free tier has no Always On; the bot must stay warm to answer within Teams' 15 seconds.
var alwaysOn = skuName != 'F1'

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: skuName
    capacity: instanceCount
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2025-03-01' = {
  name: webAppName
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      linuxFxVersion: 'DOTNETCORE|10.0'
      alwaysOn: alwaysOn
      healthCheckPath: '/healthz/ready'
      http20Enabled: true
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      webSocketsEnabled: false
      appSettings: [
        for setting in items(appSettings): {
          name: setting.key
          value: setting.value
        }
      ]
    }
  }
}

resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: allowBasicPublishingCredentials
  }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: allowBasicPublishingCredentials
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: site
  properties: {
    workspaceId: workspaceId
    logs: [
      for category in ['AppServiceHTTPLogs', 'AppServiceConsoleLogs', 'AppServiceAppLogs', 'AppServicePlatformLogs']: {
        category: category
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

output name string = site.name
output hostName string = site.properties.defaultHostName
