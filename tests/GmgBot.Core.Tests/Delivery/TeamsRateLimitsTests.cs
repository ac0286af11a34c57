using System.Diagnostics;
using GmgBot.Core.Delivery;
using Microsoft.Extensions.Options;

namespace GmgBot.Core.Tests.Delivery;

/// <summary>
/// The limits hold: lower bounds on how long requests must wait, never upper bounds on speed (the throughput is
/// measured by <c>bench broadcast</c>).
/// </summary>
public sealed class TeamsRateLimitsTests
{
    private static TeamsRateLimits Limits(double perSecond = 49) => new(Options.Create(new DeliveryOptions { RequestsPerSecond = perSecond }));

    [Fact]
    public async Task One_conversation_gets_at_most_seven_requests_in_its_first_second()
    {
        await using var limits = Limits(perSecond: 50);
        var started = Stopwatch.GetTimestamp();
        var times = new List<TimeSpan>();
        for (var i = 0; i < 8; i++)
        {
            await limits.AcquireAsync("t1", "a:one-chat", CancellationToken.None);
            times.Add(Stopwatch.GetElapsedTime(started));
        }

        // The bucket holds 6 and refills 1 per second: the 7th waits for the refill, the 8th for another.
        Assert.True(times[6] >= TimeSpan.FromSeconds(0.9), $"7th request after {times[6]}");
        Assert.True(times[7] >= TimeSpan.FromSeconds(1.9), $"8th request after {times[7]}");
    }

    [Fact]
    public async Task Requests_of_a_tenant_are_spaced_evenly_across_conversations()
    {
        await using var limits = Limits(perSecond: 20);
        var started = Stopwatch.GetTimestamp();

        await Task.WhenAll(Enumerable.Range(0, 11).Select(async i => await limits.AcquireAsync("t1", $"a:chat-{i}", CancellationToken.None)));

        // 11 requests at 20 per second need 10 gaps of 50 ms.
        Assert.True(Stopwatch.GetElapsedTime(started) >= TimeSpan.FromSeconds(0.49));
    }

    [Fact]
    public async Task Tenants_do_not_wait_for_each_other()
    {
        await using var limits = Limits(perSecond: 1);
        await limits.AcquireAsync("t1", "a:x", CancellationToken.None);
        var started = Stopwatch.GetTimestamp();

        await limits.AcquireAsync("t2", "a:y", CancellationToken.None);

        Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(0.5));
    }
}
