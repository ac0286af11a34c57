using GmgBot.Host.Tests.Support;
using GmgBot.Core.Delivery;
using GmgBot.Host.Storage;
using Microsoft.Extensions.Time.Testing;

namespace GmgBot.Host.Tests.Delivery;

/// <summary>
/// The outbox on a real database of each provider: unique keys, claims and leases, in-flight recovery, dead letters,
/// unreadable rows, report leases.
/// </summary>
public sealed class OutboxTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 11, 12, 0, 0, TimeSpan.Zero));
    private readonly DeliverySignal _signal = new();
    private Outbox _outbox = null!;

    private async Task<TestDatabase> OpenAsync(StorageProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider, _time);
        _outbox = new Outbox(await database.MigrateAsync(), _signal, _time);
        return database;
    }

    private static Recipient To(int n) => new()
    {
        ConversationId = $"a:personal-{n}", ConversationType = "personal", ServiceUrl = "https://smba.example/", BotId = "28:bot", TenantId = "t1", UserId = $"29:u{n}", UserName = $"User {n}",
    };

    private OutboxMessage Message(int recipient, string job = "broadcast:b1", TimeSpan? dueIn = null, OutboxKind kind = OutboxKind.Send) => new()
    {
        JobKey = job,
        Kind = kind,
        Recipient = To(recipient),
        TargetActivityId = kind == OutboxKind.Update ? "activity-1" : null,
        Content = new SessionReminder("s1"),
        DueAt = _time.GetUtcNow() + (dueIn ?? TimeSpan.Zero),
        BroadcastId = job.StartsWith("broadcast:", StringComparison.Ordinal) ? job["broadcast:".Length..] : null,
    };

    private Task<int> EnqueueAsync(params OutboxMessage[] messages) => _outbox.EnqueueAsync(messages, CancellationToken.None);

    private Task<IReadOnlyList<OutboxRow>> ClaimAsync(string instance, int max = 100) => _outbox.ClaimAsync(instance, max, Lease, CancellationToken.None);

    private async Task<OutboxRow> RowAsync(string job, int recipient) =>
        (await _outbox.RowsAsync(job, CancellationToken.None)).Single(r => r.Message.Recipient!.UserId == $"29:u{recipient}");

    [SkippableTheory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_same_job_for_the_same_recipient_is_enqueued_once_whatever_happened_to_it(StorageProvider provider)
    {
        await using var database = await OpenAsync(provider);
        Assert.Equal(2, await EnqueueAsync(Message(1), Message(2)));
        Assert.Equal(1, await EnqueueAsync(Message(1), Message(3)));

        var row = Assert.Single(await ClaimAsync("a", max: 1));
        await _outbox.MarkInFlightAsync(row.Id, "a", Lease, CancellationToken.None);
        await _outbox.CompleteAsync(row.Id, "a", new Delivered("a:personal-1", "activity-9"), CancellationToken.None);

        Assert.Equal(0, await EnqueueAsync(Message(1)));
        Assert.Equal(1, await EnqueueAsync(Message(1, job: "broadcast:b2")));
        Assert.Equal(new DeliveryTally(2, 0, 1, 0, 0, 0, 0), await _outbox.TallyAsync("broadcast:b1", CancellationToken.None));
    }

    [SkippableTheory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Enqueueing_wakes_the_engine(StorageProvider provider)
    {
        await using var database = await OpenAsync(provider);
        var woken = _signal.WaitAsync(CancellationToken.None);
        Assert.False(woken.IsCompleted);

        await EnqueueAsync(Message(1));

        await woken.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [SkippableTheory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Two_instances_never_claim_the_same_row_and_a_claim_holds_until_its_lease_runs_out(StorageProvider provider)
    {
        await using var database = await OpenAsync(provider);
        await EnqueueAsync([.. Enumerable.Range(1, 10).Select(n => Message(n))]);

        var claims = await Task.WhenAll(ClaimAsync("a", 6), ClaimAsync("b", 6));

        Assert.Equal(10, claims.Sum(c => c.Count));
        Assert.Empty(claims[0].Select(r => r.Id).Intersect(claims[1].Select(r => r.Id)));
        Assert.Empty(await ClaimAsync("c"));

        _time.Advance(Lease);
        Assert.Equal(10, (await ClaimAsync("c")).Count);
    }

    [SkippableTheory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Only_the_claimant_can_put_a_row_in_flight(StorageProvider provider)
    {
        await using var database = await OpenAsync(provider);
        await EnqueueAsync(Message(1));
        var row = Assert.Single(await ClaimAsync("a"));
        _time.Advance(Lease);
        Assert.Single(await ClaimAsync("b"));

        Assert.False(await _outbox.MarkInFlightAsync(row.Id, "a", Lease, CancellationToken.None));
        Assert.True(await _outbox.MarkInFlightAsync(row.Id, "b", Lease, CancellationToken.None));
        Assert.False(await _outbox.MarkInFlightAsync(row.Id, "b", Lease, CancellationToken.None));
    }

    [SkippableTheory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Rows_are_claimed_only_when_due_and_the_engine_knows_when_to_wake(StorageProvider provider)
    {
        await using var database = await OpenAsync(provider);
        await EnqueueAsync(Message(1, dueIn: TimeSpan.FromMinutes(30)), Message(2, dueIn: TimeSpan.FromMinutes(10)));

        Assert.Empty(await ClaimAsync("a"));
        Assert.Equal(_time.GetUtcNow().AddMinutes(10), await _outbox.NextWakeAsync(CancellationToken.None));

        _time.Advance(TimeSpan.FromMinutes(10));
        var row = Assert.Single(await ClaimAsync("a"));
        Assert.Equal("29:u2", row.Message.Recipient!.UserId);
        Assert.Equal(_time.GetUtcNow().Add(Lease), await _outbox.NextWakeAsync(CancellationToken.None));
    }

    [SkippableTheory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task After_a_crash_a_send_found_in_flight_is_unconfirmed_and_never_claimed_again(StorageProvider provider)
    {
        await using var database = await OpenAsync(provider);
        await EnqueueAsync(Message(1), Message(2), Message(3, kind: OutboxKind.Update));
        var claimed = await ClaimAsync("a");
        foreach (var row in claimed.Where(r => r.Message.Recipient!.UserId != "29:u2"))
        {
            Assert.True(await _outbox.MarkInFlightAsync(row.Id, "a", Lease, CancellationToken.None));
        }

        // The same instance starts again (the process was killed): what it had in flight is settled at once.
        var recovered = await _outbox.RecoverAsync("a", restart: true, CancellationToken.None);

        Assert.Equal(2, recovered.Count);
        Assert.Equal(OutboxState.Unconfirmed, (await RowAsync("broadcast:b1", 1)).State);
        Assert.Contains("may or may not have arrived", (await RowAsync("broadcast:b1", 1)).LastError, StringComparison.Ordinal);
        Assert.Equal(OutboxState.Pending, (await RowAsync("broadcast:b1", 3)).State);
        var again = await ClaimAsync("a");
        Assert.Equal(["29:u2", "29:u3"], again.Select(r => r.Message.Recipient!.UserId).Order());
    }

    [SkippableTheory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Another_instances_sends_in_flight_are_settled_only_once_its_lease_has_run_out(StorageProvider provider)
    {
        await using var database = await OpenAsync(provider);
        await EnqueueAsync(Message(1));
        var row = Assert.Single(await ClaimAsync("a"));
        await _outbox.MarkInFlightAsync(row.Id, "a", Lease, CancellationToken.None);

        Assert.Empty(await _outbox.RecoverAsync("b", restart: true, CancellationToken.None));
        _time.Advance(Lease);
        Assert.Single(await _outbox.RecoverAsync("b", restart: false, CancellationToken.None));
        Assert.Equal(OutboxState.Unconfirmed, (await RowAsync("broadcast:b1", 1)).State);
    }

    [SkippableTheory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_late_answer_from_the_connector_still_records_the_delivery(StorageProvider provider)
    {
        await using var database = await OpenAsync(provider);
        await EnqueueAsync(Message(1));
        var row = Assert.Single(await ClaimAsync("a"));
        await _outbox.MarkInFlightAsync(row.Id, "a", Lease, CancellationToken.None);
        _time.Advance(Lease);
        await _outbox.RecoverAsync("b", restart: false, CancellationToken.None);

        await _outbox.CompleteAsync(row.Id, "a", new Delivered("a:personal-1", "activity-7"), CancellationToken.None);

        var sent = await RowAsync("broadcast:b1", 1);
        Assert.Equal((OutboxState.Sent, "activity-7"), (sent.State, sent.ActivityId));
    }

    [SkippableTheory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Retries_come_back_later_unreachable_and_dead_letters_stay_and_an_organizer_can_requeue_them(StorageProvider provider)
    {
        await using var database = await OpenAsync(provider);
        await EnqueueAsync(Message(1), Message(2), Message(3));
        foreach (var row in await ClaimAsync("a"))
        {
            await _outbox.MarkInFlightAsync(row.Id, "a", Lease, CancellationToken.None);
            SendOutcome outcome = row.Message.Recipient!.UserId switch
            {
                "29:u1" => new RetryLater(TimeSpan.FromSeconds(30), "429 TooManyRequests"),
                "29:u2" => new NotDelivered(OutboxState.Unreachable, "403 Forbidden"),
                _ => new NotDelivered(OutboxState.Dead, "Gave up after 6 attempts"),
            };
            await _outbox.CompleteAsync(row.Id, "a", outcome, CancellationToken.None);
        }

        Assert.Empty(await ClaimAsync("a"));
        Assert.Equal(_time.GetUtcNow().AddSeconds(30), await _outbox.NextWakeAsync(CancellationToken.None));
        var problems = await _outbox.ProblemsAsync("broadcast:b1", 10, CancellationToken.None);
        Assert.Equal([OutboxState.Unreachable, OutboxState.Dead], problems.Select(p => p.State).Order());

        Assert.Equal(1, await _outbox.RequeueAsync("broadcast:b1", [OutboxState.Dead, OutboxState.Unconfirmed], _time.GetUtcNow(), CancellationToken.None));
        var requeued = Assert.Single(await ClaimAsync("a"));
        Assert.Equal(("29:u3", 0), (requeued.Message.Recipient!.UserId, requeued.Attempts));
        Assert.StartsWith("Resent by an organizer; before: Gave up", requeued.LastError, StringComparison.Ordinal);
    }

    [SkippableTheory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Replacing_pending_rows_moves_a_reminder_but_keeps_what_was_sent(StorageProvider provider)
    {
        await using var database = await OpenAsync(provider);
        var start = _time.GetUtcNow().AddHours(2);
        await EnqueueAsync(Message(1, job: JobKeys.Reminder(12, start)), Message(1, job: JobKeys.Reminder(123, start)));
        var moved = Message(1, job: JobKeys.Reminder(12, start.AddHours(1)));

        await _outbox.ReplacePendingAsync(JobKeys.ReminderPrefix(12), [moved], CancellationToken.None);

        Assert.Empty(await _outbox.RowsAsync(JobKeys.Reminder(12, start), CancellationToken.None));
        Assert.Single(await _outbox.RowsAsync(JobKeys.Reminder(12, start.AddHours(1)), CancellationToken.None));
        Assert.Single(await _outbox.RowsAsync(JobKeys.Reminder(123, start), CancellationToken.None));

        var row = Assert.Single(await ClaimAsync("a"), r => r.Message.JobKey == moved.JobKey);
        await _outbox.MarkInFlightAsync(row.Id, "a", Lease, CancellationToken.None);
        await _outbox.CompleteAsync(row.Id, "a", new Delivered("a:personal-1", "activity-1"), CancellationToken.None);
        await _outbox.ReplacePendingAsync(JobKeys.ReminderPrefix(12), [moved], CancellationToken.None);
        Assert.Equal(OutboxState.Sent, Assert.Single(await _outbox.RowsAsync(moved.JobKey, CancellationToken.None)).State);
    }

    [SkippableTheory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_fan_out_expands_once_into_one_row_per_recipient(StorageProvider provider)
    {
        await using var database = await OpenAsync(provider);
        await EnqueueAsync(new OutboxMessage { JobKey = "broadcast:b1", Kind = OutboxKind.FanOut, Audience = new InstalledUsers(), Content = new DaySchedule(1), DueAt = _time.GetUtcNow(), BroadcastId = "b1" });
        var fanOut = Assert.Single(await ClaimAsync("a"));
        await _outbox.MarkInFlightAsync(fanOut.Id, "a", Lease, CancellationToken.None);

        Assert.Equal(2, await _outbox.ExpandAsync(fanOut.Id, "a", [Message(1), Message(2)], CancellationToken.None));
        Assert.Equal(0, await _outbox.ExpandAsync(fanOut.Id, "a", [Message(1), Message(2)], CancellationToken.None));

        Assert.Equal(2, (await ClaimAsync("a")).Count);
        Assert.Equal(2, (await _outbox.TallyAsync("broadcast:b1", CancellationToken.None)).Total);
    }

    [SkippableTheory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Sent_session_cards_are_found_for_updating_in_place(StorageProvider provider)
    {
        await using var database = await OpenAsync(provider);
        await EnqueueAsync(Message(1), Message(2));
        foreach (var row in await ClaimAsync("a"))
        {
            await _outbox.MarkInFlightAsync(row.Id, "a", Lease, CancellationToken.None);
            await _outbox.CompleteAsync(row.Id, "a", new Delivered(row.Message.Recipient!.ConversationId!, $"activity-{row.Id}"), CancellationToken.None);
        }

        var cards = await _outbox.SentCardsAsync("s1", CancellationToken.None);

        Assert.Equal(2, cards.Count);
        Assert.All(cards, c => Assert.StartsWith("activity-", c.ActivityId, StringComparison.Ordinal));
        Assert.Empty(await _outbox.SentCardsAsync("s2", CancellationToken.None));
    }

    [SkippableTheory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_unreadable_row_goes_to_the_dead_letters_with_its_reason_and_its_batch_is_sent(StorageProvider provider)
    {
        await using var database = await OpenAsync(provider);
        await EnqueueAsync(Message(1), Message(2), Message(3));
        await database.Database.RunAsync(async (connection, token) =>
        {
            await using var corrupt = connection.CreateCommand();
            corrupt.CommandText = "UPDATE delivery_outbox SET content = '{\"$type\":\"no-such-content\"' WHERE recipient LIKE '%\"29:u2\"%';";
            await corrupt.ExecuteNonQueryAsync(token);
        }, CancellationToken.None);

        var claimed = await ClaimAsync("a");

        Assert.Equal(["29:u1", "29:u3"], claimed.Select(r => r.Message.Recipient!.UserId).Order());
        Assert.StartsWith("Unreadable outbox row: ", Assert.Single(await database.QueryStringsAsync("SELECT last_error FROM delivery_outbox WHERE state = 'dead';")), StringComparison.Ordinal);
        Assert.Empty(await _outbox.ProblemsAsync("broadcast:b1", 10, CancellationToken.None));
        Assert.Empty(await ClaimAsync("b"));
        Assert.Equal(new DeliveryTally(2, 0, 0, 0, 1, 0, 0), await _outbox.TallyAsync("broadcast:b1", CancellationToken.None));
    }

    [SkippableTheory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task One_instance_at_a_time_holds_a_report_and_updates_count_across_instances(StorageProvider provider)
    {
        await using var database = await OpenAsync(provider);
        var interval = TimeSpan.FromSeconds(3);
        var hold = TimeSpan.FromSeconds(30);

        Assert.True(await _outbox.TryHoldReportAsync("b1", "a", dueOnly: true, interval, hold, CancellationToken.None));
        Assert.False(await _outbox.TryHoldReportAsync("b1", "b", dueOnly: false, interval, hold, CancellationToken.None));
        await _outbox.ReleaseReportAsync("b1", "a", CancellationToken.None);

        // Released, but updated less than an interval ago: a routine update waits, the final one does not.
        Assert.False(await _outbox.TryHoldReportAsync("b1", "b", dueOnly: true, interval, hold, CancellationToken.None));
        Assert.True(await _outbox.TryHoldReportAsync("b1", "b", dueOnly: false, interval, hold, CancellationToken.None));

        // A holder that died is waited for only until its hold runs out.
        _time.Advance(hold);
        Assert.True(await _outbox.TryHoldReportAsync("b1", "a", dueOnly: true, interval, hold, CancellationToken.None));
    }
}
