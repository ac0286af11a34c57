// GmgBot on Azure: Azure Bot (Teams channel) -> App Service on Linux (.NET 10, several instances) ->
// Azure Database for PostgreSQL (Entra authentication only) and Azure AI Search, with Key Vault for secrets,
// Application Insights + Log Analytics, and one user-assigned identity that the web app runs as (and that is
// the bot's identity when botAppType is UserAssignedMSI, and the database's Entra administrator).
// Deploy with deploy/deploy-infra.sh; parameters example: main.bicepparam.
targetScope = 'resourceGroup'

import { botAppSettings } from 'modules/app-settings.bicep'

// ---------- Names and place ----------

@description('Azure region for the regional resources (the bot registration itself is global).')
param location string = resourceGroup().location

@description('Lowercase letters and digits that start every resource name, e.g. gmgbot.')
@minLength(2)
@maxLength(11)
param namePrefix string = 'gmgbot'

@description('Makes globally unique names (web app, Key Vault, Search) unique; stable per resource group.')
@minLength(3)
@maxLength(6)
param nameSuffix string = take(uniqueString(resourceGroup().id, namePrefix), 6)

@description('Tags for every resource.')
param tags object = {
  app: 'gmgbot'
}

// ---------- Bot identity ----------

@description('How the bot authenticates to the Bot Connector. New MultiTenant registrations are no longer possible.')
@allowed([
  'SingleTenant'
  'UserAssignedMSI'
])
param botAppType string = 'UserAssignedMSI'

@description('SingleTenant only: the client id of the bot\'s Microsoft Entra app registration. UserAssignedMSI uses the identity created here.')
param botAppId string = ''

@description('SingleTenant only: a client secret of that app registration. Stored in Key Vault, never in app settings.')
@secure()
param botAppPassword string = ''

// The Agenda tab's Teams single sign-on needs a Microsoft Entra app registration (Bicep cannot create one; do it in the
// Entra admin center or with az ad app): the bot's own (SingleTenant) or, for a UserAssignedMSI bot, one of its own whose
// client id goes in agendaTabClientId. On it:
//   - Application ID URI: api://<web app host>/<client id> (the manifest's webApplicationInfo.resource);
//   - Expose an API: a delegated scope access_as_user (admins and users may consent);
//   - Authorized client applications for that scope: 1fec8e78-bce4-4aaf-ab1b-5451cc387264 (Teams desktop and mobile)
//     and 5e3ce6c0-2b1f-4285-8d4b-75ee78787346 (Teams web);
//   - Token version 2 (api.requestedAccessTokenVersion = 2) is fine; the host accepts v1.0 and v2.0 tokens.
// The host checks the token's signature (Entra's keys), issuer (the token's tenant, which must be tenantId or one of
// Security__AllowedTenantIds) and audience; see README "The Agenda tab and the compose box search".
@description('Client id of the Agenda tab\'s single sign-on app registration (AgendaTab__ClientId). Empty: botAppId (SingleTenant); a UserAssignedMSI bot without it shows the public agenda only.')
param agendaTabClientId string = ''

@description('Microsoft Entra tenant of the bot (and of the Teams users).')
param tenantId string = tenant().tenantId

@description('Display name of the bot registration.')
param botDisplayName string = 'GmgBot'

@description('Azure Bot pricing tier; F0 is free for standard channels such as Teams.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

// ---------- Sizes ----------

@description('App Service plan SKU (Linux). F1 has no Always On, so the bot may answer its first message slowly.')
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
param appServiceSku string = 'B1'

@description('Instances of the web app. Two or more: a deploy or a failed instance does not take the bot down. They share the PostgreSQL database, its outbox and the Teams rate budget.')
@minValue(1)
@maxValue(10)
param appInstanceCount int = 2

@description('PostgreSQL Flexible Server compute (Burstable B1ms is plenty for one event).')
param postgresSkuName string = 'Standard_B1ms'

@allowed([
  'Burstable'
  'GeneralPurpose'
  'MemoryOptimized'
])
param postgresSkuTier string = 'Burstable'

@description('PostgreSQL storage in GB (grows automatically).')
@minValue(32)
param postgresStorageSizeGB int = 32

@description('Azure AI Search SKU. free: one per subscription, 50 MB, no SLA.')
@allowed([
  'free'
  'basic'
  'standard'
  'standard2'
  'standard3'
  'storage_optimized_l1'
  'storage_optimized_l2'
])
param searchSku string = 'basic'

@description('True turns Search API keys off: the app and the deployer use their Microsoft Entra identities and roles.')
param searchDisableLocalAuth bool = true

@description('Log Analytics retention in days.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

@description('Key Vault purge protection. It cannot be turned off again, and it keeps a deleted vault\'s name taken for 90 days.')
param keyVaultPurgeProtection bool = false

@description('Allow FTP/SCM publishing with basic credentials. Off by default: deploy/deploy-app.sh uses Microsoft Entra ID.')
param allowBasicPublishingCredentials bool = false

// ---------- Bot settings ----------

@description('Name of the knowledge index in Azure AI Search (Search__IndexName).')
param searchIndexName string = 'gmg-knowledge'

@description('Folder of the knowledge base on the web app (Knowledge__Path); deploy/publish.sh ships knowledge/ there.')
param knowledgePath string = '/home/site/wwwroot/knowledge'

@description('Write reminders to Outlook calendars through Microsoft Graph (Graph__Enabled).')
param graphEnabled bool = false

@description('Client id for Graph (Graph__ClientId). Empty: the bot\'s app registration (SingleTenant) or the managed identity (UserAssignedMSI).')
param graphClientId string = ''

@description('Client secret for Graph (Graph__ClientSecret), stored in Key Vault. Empty: the bot\'s secret when Graph uses the bot\'s app registration, else the managed identity.')
@secure()
param graphClientSecret string = ''

@description('Mailbox (UPN or object id) whose calendar holds the organizers\' events (Graph__OrganizerCalendarUser).')
param graphOrganizerCalendarUser string = ''

@description('Microsoft Entra object ids of the organizers allowed to broadcast (Organizers__ObjectIds__0..n).')
param organizerObjectIds string[] = []

@description('Optional object id of whoever runs deploy/push-knowledge.sh, granted Search Service Contributor and Search Index Data Contributor.')
param deployerPrincipalId string = ''

@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param deployerPrincipalType string = 'User'

// ---------- Names ----------

var names = {
  identity: '${namePrefix}-id-${nameSuffix}'
  logAnalytics: '${namePrefix}-log-${nameSuffix}'
  appInsights: '${namePrefix}-appi-${nameSuffix}'
  keyVault: '${namePrefix}-kv-${nameSuffix}'
  search: '${namePrefix}-search-${nameSuffix}'
  postgres: '${namePrefix}-pg-${nameSuffix}'
  plan: '${namePrefix}-plan-${nameSuffix}'
  webApp: '${namePrefix}-web-${nameSuffix}'
  bot: '${namePrefix}-bot-${nameSuffix}'
}

var isSingleTenant = botAppType == 'SingleTenant'

// The free tier runs one instance only.
var instanceCount = appServiceSku == 'F1' && appInstanceCount > 1
  ? fail('appInstanceCount > 1 needs a paid App Service SKU (B1 or above); F1 runs one instance.')
  : appInstanceCount

// Invalid combinations stop the deployment with a message instead of producing a bot that cannot sign in.
var effectiveBotAppId = isSingleTenant
  ? (empty(botAppId) ? fail('botAppId is required when botAppType is SingleTenant.') : botAppId)
  : identity.properties.clientId
var appPasswordSecret = isSingleTenant
  ? (empty(botAppPassword) ? fail('botAppPassword is required when botAppType is SingleTenant.') : botAppPassword)
  : ''

// Secret names in Key Vault; the app settings refer to them with Key Vault references.
var secretNames = {
  appPassword: 'MicrosoftAppPassword'
  graphClientSecret: 'GraphClientSecret'
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: names.identity
  location: location
  tags: tags
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    tags: tags
    logAnalyticsName: names.logAnalytics
    appInsightsName: names.appInsights
    retentionInDays: logRetentionInDays
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    location: location
    tags: tags
    name: names.keyVault
    tenantId: tenantId
    enablePurgeProtection: keyVaultPurgeProtection
    workspaceId: monitoring.outputs.workspaceId
    readerIdentityId: identity.id
    readerPrincipalId: identity.properties.principalId
    appPasswordSecretName: secretNames.appPassword
    appPassword: appPasswordSecret
    graphClientSecretName: secretNames.graphClientSecret
    graphClientSecret: graphClientSecret
  }
}

module search 'modules/search.bicep' = {
  name: 'search'
  params: {
    location: location
    tags: tags
    name: names.search
    sku: searchSku
    disableLocalAuth: searchDisableLocalAuth
    appIdentityId: identity.id
    appPrincipalId: identity.properties.principalId
    deployerPrincipalId: deployerPrincipalId
    deployerPrincipalType: deployerPrincipalType
  }
}

module postgres 'modules/postgres.bicep' = {
  name: 'postgres'
  params: {
    location: location
    tags: tags
    name: names.postgres
    tenantId: tenantId
    skuName: postgresSkuName
    skuTier: postgresSkuTier
    storageSizeGB: postgresStorageSizeGB
    databaseName: 'gmgbot'
    appIdentityName: identity.name
    // An Entra administrator is named by its object id, which exists once the identity does (a new deployment's
    // what-if cannot predict it).
    #disable-next-line what-if-short-circuiting
    appPrincipalId: identity.properties.principalId
    workspaceId: monitoring.outputs.workspaceId
  }
}

var appSettings = botAppSettings({
  botAppType: botAppType
  botAppId: effectiveBotAppId
  tenantId: tenantId
  identityClientId: identity.properties.clientId
  keyVaultUri: keyVault.outputs.uri
  appPasswordSecretName: secretNames.appPassword
  graphClientSecretName: empty(graphClientSecret) ? null : secretNames.graphClientSecret
  searchEndpoint: search.outputs.endpoint
  searchIndexName: searchIndexName
  knowledgePath: knowledgePath
  postgresHost: postgres.outputs.host
  postgresDatabase: postgres.outputs.databaseName
  postgresUser: identity.name
  graphEnabled: graphEnabled
  graphClientId: graphClientId
  agendaTabClientId: agendaTabClientId
  graphOrganizerCalendarUser: graphOrganizerCalendarUser
  organizerObjectIds: organizerObjectIds
  appInsightsConnectionString: monitoring.outputs.appInsightsConnectionString
  // The default host name is known before the app exists; a custom domain would replace it here.
  publicBaseUrl: 'https://${names.webApp}.azurewebsites.net'
})

module webApp 'modules/webapp.bicep' = {
  name: 'webapp'
  params: {
    location: location
    tags: tags
    planName: names.plan
    webAppName: names.webApp
    skuName: appServiceSku
    instanceCount: instanceCount
    identityId: identity.id
    appSettings: appSettings
    workspaceId: monitoring.outputs.workspaceId
    allowBasicPublishingCredentials: allowBasicPublishingCredentials
  }
}

module bot 'modules/bot.bicep' = {
  name: 'bot'
  params: {
    tags: tags
    name: names.bot
    displayName: botDisplayName
    sku: botSku
    endpoint: 'https://${webApp.outputs.hostName}/api/messages'
    appType: botAppType
    appId: effectiveBotAppId
    tenantId: tenantId
    identityId: identity.id
  }
}

@description('The bot\'s messaging endpoint, as registered on the Azure Bot.')
output botMessagingEndpoint string = 'https://${webApp.outputs.hostName}/api/messages'

@description('MicrosoftAppId: the bot id for the Teams manifest (BOT_APP_ID).')
output botAppId string = effectiveBotAppId
output botName string = bot.outputs.name
output webAppName string = webApp.outputs.name

@description('The bot\'s host name for the Teams manifest\'s validDomains (BOT_DOMAIN).')
output webAppHostName string = webApp.outputs.hostName
output searchEndpoint string = search.outputs.endpoint
output postgresServerName string = postgres.outputs.name
output postgresHost string = postgres.outputs.host
output searchServiceName string = search.outputs.name
output searchIndexName string = searchIndexName
output keyVaultName string = keyVault.outputs.name
output managedIdentityClientId string = identity.properties.clientId
output managedIdentityPrincipalId string = identity.properties.principalId
output tenantId string = tenantId
