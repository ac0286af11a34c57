namespace GmgBot.Host.Storage;

/// <summary>
/// One step of a provider's schema (<see cref="SqliteMigrations.All"/>, <see cref="PostgreSqlMigrations.All"/>), applied
/// once, in order, when the host starts. <see cref="FormerId"/>: the id a step was shipped under before it was
/// renumbered, which also counts as applied.
/// </summary>
public sealed record Migration(string Id, string Sql, string? FormerId = null);
