using 'app-settings.harness.bicep'

param input = json(readEnvironmentVariable('APP_SETTINGS_INPUT'))
