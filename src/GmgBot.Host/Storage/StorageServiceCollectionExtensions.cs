using GmgBot.Core.Bot;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GmgBot.Host.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>The SQLite database, its schema initializer and the conversation reference store.</summary>
    public static IServiceCollection AddSqliteStorage(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SqliteDatabase>();
        services.AddHostedService<SqliteSchemaInitializer>();
        services.AddSqliteMigration(SqliteConversationStore.Migration);
        services.TryAddSingleton<IConversationStore, SqliteConversationStore>();
        return services;
    }

    /// <summary>Adds a schema step (e.g. a new table) to the bot's database; applied once on start, in registration order.</summary>
    public static IServiceCollection AddSqliteMigration(this IServiceCollection services, SqliteMigration migration)
    {
        services.AddSingleton(migration);
        return services;
    }
}
