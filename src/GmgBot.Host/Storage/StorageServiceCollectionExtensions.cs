using Azure.Core;
using GmgBot.Core.Conversation;
using GmgBot.Core.Delivery;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace GmgBot.Host.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>Key of an optional <see cref="TokenCredential"/> that signs in to PostgreSQL instead of the configured identity (tests, custom identities).</summary>
    public const string CredentialKey = "Storage";

    /// <summary>
    /// The bot's database (<see cref="StorageOptions.Provider"/>: embedded SQLite, or PostgreSQL shared by several
    /// instances) with its schema applied at start, its readiness check, the conversation reference store, and where
    /// the per-tenant send budget lives (this process for SQLite; the database, shared, for PostgreSQL). The features
    /// register their own stores on it.
    /// </summary>
    public static IServiceCollection AddStorage(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<BotDatabase>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>();
            return options.Value.Provider == StorageProvider.PostgreSql
                ? new PostgreSqlDatabase(options, sp.GetKeyedService<TokenCredential>(CredentialKey))
                : new SqliteDatabase(options, sp.GetRequiredService<IHostEnvironment>());
        });
        services.AddHostedService<SchemaInitializer>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [HealthEndpoints.ReadyTag]);
        services.TryAddSingleton<IConversationStore, ConversationStore>();
        services.TryAddSingleton<ITenantRateBudget>(sp => sp.GetRequiredService<BotDatabase>().Provider == StorageProvider.PostgreSql
            ? new PostgreSqlRateBudget(sp.GetRequiredService<BotDatabase>())
            : new LocalTenantRateBudget());
        return services;
    }
}
