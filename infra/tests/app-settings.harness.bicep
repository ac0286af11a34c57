// Test harness: evaluates botAppSettings() for the input in the APP_SETTINGS_INPUT environment
// variable, so infra/tests/infra.test.mjs can check it with `bicep snapshot`. Not deployed.
import { appSettingsInput, botAppSettings } from '../modules/app-settings.bicep'

param input appSettingsInput

output settings object = botAppSettings(input)
