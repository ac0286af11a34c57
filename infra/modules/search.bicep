// Azure AI Search for the knowledge index, reached with Microsoft Entra identities (and keys only if allowed).

param location string
param tags object
param name string

@allowed([
  'free'
  'basic'
  'standard'
  'standard2'
  'standard3'
  'storage_optimized_l1'
  'storage_optimized_l2'
])
param sku string

@description('True turns API keys off: only Microsoft Entra identities with Search roles can read or write.')
param disableLocalAuth bool

@description('Resource id of the web app\'s managed identity: reads the index and may update it. Names the role assignment.')
param appIdentityId string

@description('Principal id of that identity.')
param appPrincipalId string

@description('Optional principal (the person or pipeline that runs deploy/push-knowledge.sh): may create and fill the index.')
param deployerPrincipalId string

@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param deployerPrincipalType string

// Built-in roles.
var searchIndexDataContributor = '8ebe5a00-799e-43f5-93ac-243d3dce84a7'
var searchServiceContributor = '7ca78c08-252a-4471-8644-bb5ff32d4ba0'

resource search 'Microsoft.Search/searchServices@2025-05-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: sku
  }
  properties: {
    replicaCount: 1
    partitionCount: 1
    hostingMode: 'Default'
    publicNetworkAccess: 'enabled'
    disableLocalAuth: disableLocalAuth
    // Keys and Entra tokens both work when keys are allowed; authOptions must be absent when they are not.
    authOptions: disableLocalAuth
      ? null
      : {
          aadOrApiKey: {
            aadAuthFailureMode: 'http401WithBearerChallenge'
          }
        }
  }
}

resource appIndexContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(search.id, appIdentityId, searchIndexDataContributor)
  scope: search
  properties: {
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', searchIndexDataContributor)
  }
}

// Creating or changing an index's schema needs Search Service Contributor; loading documents needs the data role.
resource deployerRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in [searchServiceContributor, searchIndexDataContributor]: if (!empty(deployerPrincipalId)) {
    name: guid(search.id, deployerPrincipalId, role)
    scope: search
    properties: {
      principalId: deployerPrincipalId
      principalType: deployerPrincipalType
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
    }
  }
]

output name string = search.name
output endpoint string = 'https://${search.name}.search.windows.net'
