using System.ComponentModel.DataAnnotations;

namespace GmgBot.Host.Storage;

/// <summary>The database that holds what the bot keeps (configuration section "Storage").</summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string SectionName = "Storage";

    /// <summary>SQLite (embedded, one instance on one machine) or PostgreSQL (production; several instances).</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>
    /// PostgreSQL: the Npgsql connection string (required). SQLite: optional; empty means <see cref="DatabasePath"/>.
    /// </summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>SQLite file; relative paths are under the content root. The folder is created on start.</summary>
    public string DatabasePath { get; set; } = "data/gmgbot.db";

    /// <summary>
    /// The longest a statement waits, for a lock (SQLite's busy timeout, PostgreSQL's command timeout) or a pooled
    /// connection. Short, because a user's turn may wait on it: Teams gives up on a turn after 15 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>PostgreSQL: sign in with a Microsoft Entra token (managed identity) as the password, not a stored secret.</summary>
    public bool EntraAuthentication { get; set; }

    /// <summary>PostgreSQL with Entra: the client id of a user-assigned managed identity; empty: DefaultAzureCredential.</summary>
    public string ManagedIdentityClientId { get; set; } = "";

    /// <summary>SQLite: the largest the database may grow, in megabytes (empty: no cap), so the bot cannot fill the disk.</summary>
    [Range(1, 1_000_000)]
    public int? MaxSizeMegabytes { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider == StorageProvider.PostgreSql && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult(
                "Storage:ConnectionString is required when Storage:Provider is PostgreSql (e.g. Host=…;Database=gmgbot;Username=…).",
                [nameof(ConnectionString)]);
        }
        if (Provider == StorageProvider.Sqlite && string.IsNullOrWhiteSpace(ConnectionString) && string.IsNullOrWhiteSpace(DatabasePath))
        {
            yield return new ValidationResult("Storage:DatabasePath (or Storage:ConnectionString) is required for SQLite.", [nameof(DatabasePath)]);
        }
        if (EntraAuthentication && Provider != StorageProvider.PostgreSql)
        {
            yield return new ValidationResult("Storage:EntraAuthentication applies to PostgreSql only.", [nameof(EntraAuthentication)]);
        }
    }
}

public enum StorageProvider
{
    Sqlite,
    PostgreSql,
}
