// The web app's settings, named exactly as the GmgBot host reads them (ASP.NET Core configuration:
// "__" separates sections). A function, so infra/tests can check the result for each combination.

@export()
@description('What the settings are made from. Secrets never appear here: only which Key Vault secrets exist.')
type appSettingsInput = {
  @description('SingleTenant or UserAssignedMSI')
  botAppType: 'SingleTenant' | 'UserAssignedMSI'
  botAppId: string
  tenantId: string
  @description('Client id of the user-assigned identity the app runs as.')
  identityClientId: string
  @description('https://<vault>.vault.azure.net/')
  keyVaultUri: string
  appPasswordSecretName: string
  @description('Set when a separate Graph client secret is stored in Key Vault.')
  graphClientSecretName: string?
  searchEndpoint: string
  searchIndexName: string
  knowledgePath: string
  @description('The PostgreSQL Flexible Server\'s host name, database, and user (the managed identity\'s name).')
  postgresHost: string
  postgresDatabase: string
  postgresUser: string
  graphEnabled: bool
  @description('Empty: Graph signs in as the bot (its app registration, or the managed identity).')
  graphClientId: string
  graphOrganizerCalendarUser: string
  organizerObjectIds: string[]
  appInsightsConnectionString: string
  @description('https://<web app host>: the base of calendar feed links (App Service terminates TLS, so the app sees http).')
  publicBaseUrl: string
  @description('The Agenda tab\'s single sign-on app registration (AgendaTab__ClientId); absent: the bot\'s own (SingleTenant).')
  agendaTabClientId: string?
}

// Versionless, so a rotated secret is picked up without redeploying.
@export()
func keyVaultReference(vaultUri string, secretName string) string =>
  '@Microsoft.KeyVault(SecretUri=${vaultUri}secrets/${secretName})'

@export()
func botAppSettings(input appSettingsInput) object =>
  union(
    {
      MicrosoftAppId: input.botAppId
      MicrosoftAppType: input.botAppType
      MicrosoftAppTenantId: input.tenantId
      // Lets DefaultAzureCredential / ManagedIdentityCredential pick the user-assigned identity.
      AZURE_CLIENT_ID: input.identityClientId
      Knowledge__Path: input.knowledgePath
      Search__Provider: 'Azure'
      Search__Endpoint: input.searchEndpoint
      Search__IndexName: input.searchIndexName
      // No database file on /home (a network share, where SQLite's WAL does not work): PostgreSQL, signed in with
      // the managed identity's token, verified TLS. Several instances share it.
      Storage__Provider: 'PostgreSql'
      Storage__ConnectionString: 'Host=${input.postgresHost};Database=${input.postgresDatabase};Username=${input.postgresUser};Ssl Mode=VerifyFull'
      Storage__EntraAuthentication: 'true'
      Storage__ManagedIdentityClientId: input.identityClientId
      // Each instance notices rows another one enqueued (a broadcast pressed on it) within seconds.
      Delivery__MaxIdle: '00:00:05'
      Graph__Enabled: input.graphEnabled ? 'true' : 'false'
      Graph__TenantId: input.tenantId
      Graph__ClientId: empty(input.graphClientId) ? input.botAppId : input.graphClientId
      APPLICATIONINSIGHTS_CONNECTION_STRING: input.appInsightsConnectionString
      Calendar__PublicBaseUrl: input.publicBaseUrl
    },
    input.botAppType == 'SingleTenant'
      ? { MicrosoftAppPassword: keyVaultReference(input.keyVaultUri, input.appPasswordSecretName) }
      : {},
    graphSecretSetting(input),
    empty(input.?agendaTabClientId ?? '') ? {} : { AgendaTab__ClientId: input.agendaTabClientId! },
    empty(input.graphOrganizerCalendarUser) ? {} : { Graph__OrganizerCalendarUser: input.graphOrganizerCalendarUser },
    toObject(range(0, length(input.organizerObjectIds)), i => 'Organizers__ObjectIds__${i}', i => input.organizerObjectIds[i])
  )

// A separate Graph secret wins; a SingleTenant bot whose registration also serves Graph reuses its own
// secret; otherwise Graph signs in with the managed identity and needs no secret.
func graphSecretSetting(input appSettingsInput) object =>
  !empty(input.?graphClientSecretName)
    ? { Graph__ClientSecret: keyVaultReference(input.keyVaultUri, input.graphClientSecretName!) }
    : (input.botAppType == 'SingleTenant' && empty(input.graphClientId)
        ? { Graph__ClientSecret: keyVaultReference(input.keyVaultUri, input.appPasswordSecretName) }
        : {})
