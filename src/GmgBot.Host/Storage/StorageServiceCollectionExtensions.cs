using GmgBot.Core.Conversation;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GmgBot.Host.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// The bot's SQLite database with its schema (<see cref="SqliteMigrations"/>, applied at start), its health check
    /// and the conversation reference store. The features register their own stores on it.
    /// </summary>
    public static IServiceCollection AddSqliteStorage(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SqliteDatabase>();
        services.AddHostedService<SqliteSchemaInitializer>();
        services.AddHealthChecks().AddCheck<SqliteHealthCheck>("sqlite");
        services.TryAddSingleton<IConversationStore, SqliteConversationStore>();
        return services;
    }
}
