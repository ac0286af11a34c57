// Azure Database for PostgreSQL Flexible Server: the bot's store when it runs as several instances. Microsoft Entra
// authentication only (no password exists), with the web app's managed identity as its Entra administrator: the app
// signs in with a token from its identity (Storage__EntraAuthentication) and creates its schema on first start.

param location string
param tags object
param name string
param tenantId string

@description('Compute: Burstable B1ms suits one event; General Purpose for a busy tenant.')
param skuName string
@allowed([
  'Burstable'
  'GeneralPurpose'
  'MemoryOptimized'
])
param skuTier string

@minValue(32)
param storageSizeGB int

@description('The database the bot uses.')
param databaseName string

@description('The user-assigned identity the web app runs as: its name is the database user name.')
param appIdentityName string
param appPrincipalId string

param workspaceId string

resource server 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: skuName
    tier: skuTier
  }
  properties: {
    version: '16'
    storage: {
      storageSizeGB: storageSizeGB
      autoGrow: 'Enabled'
    }
    authConfig: {
      activeDirectoryAuth: 'Enabled'
      passwordAuth: 'Disabled'
      tenantId: tenantId
    }
    backup: {
      backupRetentionDays: 7
      geoRedundantBackup: 'Disabled'
    }
    highAvailability: {
      mode: 'Disabled'
    }
    network: {
      publicNetworkAccess: 'Enabled'
    }
  }
}

// App Service's outbound addresses are Azure's: "allow Azure services" (0.0.0.0) lets the app in; Entra sign-in
// still decides who may connect.
resource allowAzureServices 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01' = {
  parent: server
  name: 'AllowAzureServices'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: server
  name: databaseName
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
}

resource appAdministrator 'Microsoft.DBforPostgreSQL/flexibleServers/administrators@2024-08-01' = {
  parent: server
  name: appPrincipalId
  properties: {
    principalType: 'ServicePrincipal'
    principalName: appIdentityName
    tenantId: tenantId
  }
  dependsOn: [
    database
    allowAzureServices
  ]
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: server
  properties: {
    workspaceId: workspaceId
    logs: [
      {
        categoryGroup: 'allLogs'
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

output name string = server.name
output host string = server.properties.fullyQualifiedDomainName
output databaseName string = database.name
