namespace GmgBot.Host.Storage;

/// <summary>
/// One step of the database schema (<see cref="SqliteMigrations.All"/>), applied once, in order, when the host starts.
/// <see cref="FormerId"/>: the id a step was shipped under before it was renumbered, which also counts as applied.
/// </summary>
public sealed record SqliteMigration(string Id, string Sql, string? FormerId = null);
