using GmgBot.Core.Agenda;

namespace GmgBot.Core.Tests.Agenda;

public sealed class AgendaChangesTests
{
    private static readonly Timeline Original = new(SmallKnowledge.Build());

    [Fact]
    public void The_first_load_adds_every_session_at_sequence_zero()
    {
        var (versions, changes) = AgendaChanges.Between(new Dictionary<string, SessionVersion>(), Original);

        Assert.All(changes, c => Assert.True(c.Added));
        Assert.Equal(Original.Sessions.Count, changes.Count);
        Assert.All(versions, v => Assert.Equal(0, v.Sequence));
    }

    [Fact]
    public void An_unchanged_agenda_changes_nothing()
    {
        var (stored, _) = AgendaChanges.Between(new Dictionary<string, SessionVersion>(), Original);

        var (_, changes) = AgendaChanges.Between(stored.ToDictionary(v => v.SessionId), Original);

        Assert.Empty(changes);
    }

    [Fact]
    public void A_moved_session_is_reported_with_a_higher_sequence_and_a_removed_one_as_removed()
    {
        var (stored, _) = AgendaChanges.Between(new Dictionary<string, SessionVersion>(), Original);
        var moved = SmallKnowledge.Build(
        [
            SmallKnowledge.Session("open", 1, "09:00", "10:30", "Promoting decent work for international migrants"),
            SmallKnowledge.Session("costs", 1, "11:00", "12:30", "Reducing migration costs"),
        ]);

        var (versions, changes) = AgendaChanges.Between(stored.ToDictionary(v => v.SessionId), new Timeline(moved));

        var costs = Assert.Single(changes, c => c.After?.SessionId == "costs");
        Assert.True(costs.TimeChanged);
        Assert.False(costs.RoomChanged);
        Assert.Equal(1, costs.After!.Sequence);
        Assert.True(Assert.Single(changes, c => c.Before?.SessionId == "recap").Removed);
        Assert.Equal(0, versions.Single(v => v.SessionId == "open").Sequence);
        Assert.DoesNotContain(versions, v => v.SessionId == "recap");
    }
}
