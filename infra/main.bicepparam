// Example parameters for main.bicep. Values come from environment variables, so the same file
// serves every environment and no secret is written to disk; deploy/deploy-infra.sh checks them first.
// By hand: export the variables, then
//   az deployment group create --resource-group RG --name gmgbot --parameters infra/main.bicepparam
using './main.bicep'

param namePrefix = readEnvironmentVariable('NAME_PREFIX', 'gmgbot')

// UserAssignedMSI (no secret: the bot signs in as the managed identity created by main.bicep)
// or SingleTenant (an app registration in your tenant: BOT_APP_ID + MICROSOFT_APP_PASSWORD).
param botAppType = readEnvironmentVariable('BOT_APP_TYPE', 'UserAssignedMSI')
param botAppId = readEnvironmentVariable('BOT_APP_ID', '')
param botAppPassword = readEnvironmentVariable('MICROSOFT_APP_PASSWORD', '')

param appServiceSku = readEnvironmentVariable('APP_SERVICE_SKU', 'B1')
param appInstanceCount = int(readEnvironmentVariable('APP_INSTANCE_COUNT', '2'))
param postgresSkuName = readEnvironmentVariable('POSTGRES_SKU', 'Standard_B1ms')
param postgresSkuTier = readEnvironmentVariable('POSTGRES_TIER', 'Burstable')
param searchSku = readEnvironmentVariable('SEARCH_SKU', 'basic')
param searchIndexName = readEnvironmentVariable('SEARCH_INDEX_NAME', 'gmg-knowledge')

param graphEnabled = bool(readEnvironmentVariable('GRAPH_ENABLED', 'false'))
param graphClientId = readEnvironmentVariable('GRAPH_CLIENT_ID', '')
param graphClientSecret = readEnvironmentVariable('GRAPH_CLIENT_SECRET', '')
param graphOrganizerCalendarUser = readEnvironmentVariable('GRAPH_ORGANIZER_CALENDAR_USER', '')

// Comma-separated Microsoft Entra object ids of the organizers who may broadcast.
param organizerObjectIds = filter(
  map(split(readEnvironmentVariable('ORGANIZER_OBJECT_IDS', ''), ','), id => trim(id)),
  id => !empty(id)
)

// Who runs deploy/push-knowledge.sh (deploy-infra.sh fills it with the signed-in user's object id).
param deployerPrincipalId = readEnvironmentVariable('DEPLOYER_PRINCIPAL_ID', '')
param deployerPrincipalType = readEnvironmentVariable('DEPLOYER_PRINCIPAL_TYPE', 'User')
