using System.Diagnostics;
using GmgBot.Core.Delivery;

namespace GmgBot.Host.Storage;

/// <summary>
/// The per-tenant send budget that every instance on one PostgreSQL draws from: the same virtual scheduling as the
/// in-process pacer (each send takes the next free slot, one spacing after the last), with the next slot kept in a
/// row and the server's clock as the one clock, so instances on different machines pace as one without agreeing on
/// the time. One short statement per send (50 a second at most).
/// </summary>
/// <remarks>
/// A slot is an instant on the server's clock; this instance waits for it on its own. The offset between the clocks is
/// reckoned as NTP does, from the server's clock when the statement starts and when it returns, and kept from the
/// reservation whose network delay was shortest (the wait for the row lock is the server's own time, not delay). So a
/// reservation that is slow to come back does not make its request late unseen: it is seen late, and the caller gives
/// the slot up instead of bunching up with the next one.
/// </remarks>
public sealed class PostgreSqlRateBudget(BotDatabase database) : ITenantRateBudget
{
    // A fast round trip stays the reference this long; past it a slower one may replace it (the clocks drift apart slowly).
    private static readonly TimeSpan OffsetLifetime = TimeSpan.FromMinutes(1);

    private readonly Lock _lock = new();
    private (double OffsetMicroseconds, double DelayMicroseconds, long TakenAt) _clock = (0, double.MaxValue, 0);

    public async Task<long> ReserveAsync(string tenantKey, TimeSpan spacing, CancellationToken cancellationToken)
    {
        var sent = Stopwatch.GetTimestamp();
        var (slot, started, returned) = await database.RunAsync(async (connection, token) =>
        {
            await using var command = connection.Command("""
                WITH clock AS (SELECT (extract(epoch FROM clock_timestamp()) * 1000000)::bigint AS now_us)
                INSERT INTO delivery_rate_budget AS b (tenant_key, next_slot_us)
                SELECT @tenant, now_us + @spacing FROM clock
                ON CONFLICT (tenant_key) DO UPDATE SET next_slot_us = greatest(b.next_slot_us, (SELECT now_us FROM clock)) + @spacing
                RETURNING b.next_slot_us - @spacing, (SELECT now_us FROM clock), (extract(epoch FROM clock_timestamp()) * 1000000)::bigint;
                """).With("@tenant", tenantKey).With("@spacing", (long)spacing.TotalMicroseconds);
            await using var reader = await command.ExecuteReaderAsync(token);
            await reader.ReadAsync(token);
            return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        }, cancellationToken);
        var received = Stopwatch.GetTimestamp();
        var (t0, t3) = (Microseconds(sent), Microseconds(received));
        var offset = Offset(((started - t0) + (returned - t3)) / 2, (t3 - t0) - (returned - started), received);
        return (long)((slot - offset) * Stopwatch.Frequency / 1_000_000);
    }

    private double Offset(double sample, double delay, long now)
    {
        lock (_lock)
        {
            if (delay <= _clock.DelayMicroseconds || Stopwatch.GetElapsedTime(_clock.TakenAt, now) > OffsetLifetime)
            {
                _clock = (sample, delay, now);
            }
            return _clock.OffsetMicroseconds;
        }
    }

    private static double Microseconds(long timestamp) => timestamp * 1_000_000.0 / Stopwatch.Frequency;
}
