namespace GmgBot.Host.Storage;

/// <summary>
/// One step of the database schema, applied once, in registration order, when the host starts.
/// <see cref="Id"/> must never change once shipped; later changes come as new migrations.
/// </summary>
public sealed record SqliteMigration(string Id, string Sql);
