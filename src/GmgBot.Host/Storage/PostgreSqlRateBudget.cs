using GmgBot.Core.Delivery;

namespace GmgBot.Host.Storage;

/// <summary>
/// The per-tenant send budget that every instance on one PostgreSQL draws from: the same virtual scheduling as the
/// in-process pacer (each send takes the next free slot, one spacing after the last), with the next slot kept in a
/// row and the server's clock as the one clock, so instances on different machines pace as one and need no clock
/// agreement. One short UPDATE per send (50 a second at most).
/// </summary>
public sealed class PostgreSqlRateBudget(BotDatabase database) : ITenantRateBudget
{
    public Task<TimeSpan> ReserveAsync(string tenantKey, TimeSpan spacing, CancellationToken cancellationToken) =>
        database.RunAsync(async (connection, token) =>
        {
            await using var command = connection.Command("""
                WITH clock AS (SELECT (extract(epoch FROM clock_timestamp()) * 1000000)::bigint AS now_us)
                INSERT INTO delivery_rate_budget AS b (tenant_key, next_slot_us)
                SELECT @tenant, now_us + @spacing FROM clock
                ON CONFLICT (tenant_key) DO UPDATE SET next_slot_us = greatest(b.next_slot_us, (SELECT now_us FROM clock)) + @spacing
                RETURNING b.next_slot_us - @spacing - (SELECT now_us FROM clock);
                """).With("@tenant", tenantKey).With("@spacing", (long)(spacing.TotalMicroseconds));
            var waitMicroseconds = Convert.ToInt64(await command.ExecuteScalarAsync(token), System.Globalization.CultureInfo.InvariantCulture);
            return TimeSpan.FromMicroseconds(Math.Max(0, waitMicroseconds));
        }, cancellationToken);
}
