// Key Vault (RBAC authorization) holding the bot's secrets; the managed identity may read them.

param location string
param tags object
param name string
param tenantId string
param enablePurgeProtection bool
param workspaceId string

@description('Resource id of the managed identity that reads secrets (Key Vault Secrets User); names the role assignment.')
param readerIdentityId string

@description('Principal id of that identity.')
param readerPrincipalId string

@description('Name and value of the bot\'s client secret (SingleTenant); not stored when the value is empty.')
param appPasswordSecretName string
@secure()
param appPassword string

@description('Name and value of a separate Graph client secret; not stored when the value is empty.')
param graphClientSecretName string
@secure()
param graphClientSecret string

// Built-in role: Key Vault Secrets User.
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    // Purge protection cannot be turned off again once on, so it is a choice, not a default.
    enablePurgeProtection: enablePurgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
  }
}

resource appPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = if (!empty(appPassword)) {
  parent: vault
  name: appPasswordSecretName
  properties: {
    value: appPassword
    contentType: 'text/plain'
  }
}

resource graphSecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = if (!empty(graphClientSecret)) {
  parent: vault
  name: graphClientSecretName
  properties: {
    value: graphClientSecret
    contentType: 'text/plain'
  }
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, readerIdentityId, keyVaultSecretsUser)
  scope: vault
  properties: {
    principalId: readerPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: vault
  properties: {
    workspaceId: workspaceId
    logs: [
      {
        categoryGroup: 'audit'
        enabled: true
      }
    ]
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
