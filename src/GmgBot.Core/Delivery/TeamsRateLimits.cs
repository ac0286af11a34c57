using System.Diagnostics;
using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace GmgBot.Core.Delivery;

/// <summary>
/// Teams' limits for one bot, as System.Threading.RateLimiting limiters: per conversation 7 per 1 s, 8 per 2 s,
/// 60 per 30 s and 1800 per hour (sends and conversation creations alike), and per tenant 50 requests per second.
/// A request waits here until every limit allows it, so the bot does not earn 429s in the first place.
/// </summary>
/// <remarks>
/// Each per-conversation window is a token bucket whose capacity plus refill over the window stays within the
/// window's limit, so no window can be exceeded however requests bunch up. The per-tenant limit is a pacer that
/// gives each request the next free slot, <c>1 / RequestsPerSecond</c> apart: at 49/s no second can hold more
/// than 50 requests, and a worker that wakes a little late does not lose its slot (a one-token bucket refilled
/// by polling would, and a bigger bucket allows bursts that break "50 in any second"). The slots come from an
/// <see cref="ITenantRateBudget"/>: this process's own, or one that every instance of the bot shares. Both measure
/// real time: they pace real network calls.
/// </remarks>
public sealed class TeamsRateLimits : IAsyncDisposable
{
    private readonly PartitionedRateLimiter<string> _perConversation;
    private readonly ITenantRateBudget _perTenant;
    private readonly TimeSpan _spacing;

    public TeamsRateLimits(IOptions<DeliveryOptions> options, ITenantRateBudget? perTenant = null)
    {
        _perTenant = perTenant ?? new LocalTenantRateBudget();
        _spacing = TimeSpan.FromSeconds(1 / options.Value.RequestsPerSecond);
        _perConversation = PartitionedRateLimiter.CreateChained(
            Buckets(capacity: 6, tokens: 1, period: TimeSpan.FromSeconds(1)),     // 6 + 1 ≤ 7 per 1 s, 6 + 2 ≤ 8 per 2 s
            Buckets(capacity: 40, tokens: 2, period: TimeSpan.FromSeconds(3)),    // 40 + 20 ≤ 60 per 30 s
            Buckets(capacity: 50, tokens: 12, period: TimeSpan.FromSeconds(25))); // 50 + 1728 ≤ 1800 per hour
    }

    /// <summary>Waits until one more request to <paramref name="conversationKey"/> in <paramref name="tenantId"/> is within every limit.</summary>
    public async ValueTask AcquireAsync(string? tenantId, string conversationKey, CancellationToken cancellationToken)
    {
        await AcquireConversationAsync(conversationKey, cancellationToken);
        await AcquireTenantAsync(tenantId, cancellationToken);
    }

    /// <summary>Waits until one more request to the conversation is within its limits.</summary>
    public async ValueTask AcquireConversationAsync(string conversationKey, CancellationToken cancellationToken)
    {
        using var lease = await _perConversation.AcquireAsync(conversationKey, 1, cancellationToken);
        if (!lease.IsAcquired)
        {
            throw new InvalidOperationException($"The per-conversation rate limiter refused {conversationKey}.");
        }
    }

    /// <summary>
    /// Waits for the tenant's next send slot. Call it last, right before the request leaves: work done between the
    /// slot and the request (a database write) would bunch requests up and break "50 in any second".
    /// </summary>
    public async ValueTask AcquireTenantAsync(string? tenantId, CancellationToken cancellationToken)
    {
        var tenant = (tenantId ?? "").ToLowerInvariant();
        while (true)
        {
            var slot = await _perTenant.ReserveAsync(tenant, _spacing, cancellationToken);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), slot);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }
            // A request that goes well after its slot (a busy machine, a slow answer from the shared budget) would
            // land right before the next slot's, and late requests bunched up break "50 in any second": it gives its
            // slot up and takes the next free one.
            if (Stopwatch.GetElapsedTime(slot) <= _spacing / 2)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync() => await _perConversation.DisposeAsync();

    private static PartitionedRateLimiter<string> Buckets(int capacity, int tokens, TimeSpan period) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = capacity,
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = period,
            QueueLimit = 100_000,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        }), StringComparer.Ordinal);
}

/// <summary>Where a tenant's send slots come from: this process alone, or a budget every instance of the bot shares.</summary>
public interface ITenantRateBudget
{
    /// <summary>
    /// Takes the tenant's next send slot, <paramref name="spacing"/> after the one before, and says when it is on this
    /// process's clock (a <see cref="Stopwatch"/> timestamp; in the past when the answer came late).
    /// </summary>
    Task<long> ReserveAsync(string tenantKey, TimeSpan spacing, CancellationToken cancellationToken);
}

/// <summary>The slots of one process (virtual scheduling on the Stopwatch): never two within one spacing.</summary>
public sealed class LocalTenantRateBudget : ITenantRateBudget
{
    private readonly ConcurrentDictionary<string, Pacer> _pacers = new(StringComparer.Ordinal);

    public Task<long> ReserveAsync(string tenantKey, TimeSpan spacing, CancellationToken cancellationToken) =>
        Task.FromResult(_pacers.GetOrAdd(tenantKey, _ => new Pacer()).Reserve(spacing));

    private sealed class Pacer
    {
        private readonly Lock _lock = new();
        private long _nextSlot;

        public long Reserve(TimeSpan spacing)
        {
            lock (_lock)
            {
                var slot = Math.Max(Stopwatch.GetTimestamp(), _nextSlot);
                _nextSlot = slot + (long)(spacing.TotalSeconds * Stopwatch.Frequency);
                return slot;
            }
        }
    }
}
