using GmgBot.Core.Delivery;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace GmgBot.Host.Storage;

/// <summary>
/// Ready only when the database can be read and written within the command timeout: a database that answers reads
/// but is locked by another writer, or full, cannot keep what users ask the bot to keep. The probe writes about
/// <see cref="ProbeBytes"/> of random bytes (nothing compresses them) over its row, each time of another length (so
/// SQLite cannot overwrite the old one in place), which needs that much free room: a database that cannot take that
/// much more cannot take users' writes either.
/// </summary>
public sealed class DatabaseHealthCheck(BotDatabase database, IOptions<DeliveryOptions> delivery, TimeProvider time) : IHealthCheck
{
    public const int ProbeBytes = 32 * 1024;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await database.RunAsync(async (connection, token) =>
            {
                await using var write = connection.Command("""
                    INSERT INTO health_probes (instance_id, checked_at, payload) VALUES (@me, @now, @payload)
                    ON CONFLICT (instance_id) DO UPDATE SET checked_at = excluded.checked_at, payload = excluded.payload;
                    """).With("@me", delivery.Value.ResolvedInstanceId).With("@now", time.GetUtcNow().Ms())
                    .With("@payload", System.Security.Cryptography.RandomNumberGenerator.GetBytes(ProbeBytes + Random.Shared.Next(1, 4096)));
                await write.ExecuteNonQueryAsync(token);
                await using var read = connection.Command("SELECT count(*) FROM health_probes;");
                await read.ExecuteScalarAsync(token);
            }, cancellationToken);
            return HealthCheckResult.Healthy($"{database.Provider} database readable and writable.");
        }
        catch (Core.Conversation.StorageUnavailableException ex)
        {
            return HealthCheckResult.Unhealthy($"The {database.Provider} database cannot be read and written now.", ex);
        }
    }
}
