using GmgBot.Core.Conversation;
using GmgBot.Protocol.Connector;
using GmgBot.Protocol.Schema;
using Microsoft.Extensions.Logging;

namespace GmgBot.Core.Organizers;

/// <summary>
/// The channels and group chats organizers can post in, by the names people know them by. A channel's and its team's
/// names are asked of Teams (GET /v3/teams/{teamId} and /v3/teams/{teamId}/conversations) when the composer opens,
/// since channels get renamed; when Teams cannot be asked, the names its activities carried stand.
/// </summary>
public sealed class ConversationNames(IConnectorClientFactory connectors, ILogger<ConversationNames> logger)
{
    /// <summary>The name Teams gives the General channel (it has none of its own in the API: its id is the team's).</summary>
    public const string GeneralChannel = "General";

    public async Task<IReadOnlyList<StoredConversation>> NameAsync(IReadOnlyList<StoredConversation> conversations, CancellationToken cancellationToken)
    {
        var teams = new Dictionary<string, TeamNames?>(StringComparer.Ordinal);
        var named = new List<StoredConversation>();
        foreach (var conversation in conversations)
        {
            var snapshot = conversation.Snapshot;
            if (snapshot.ConversationType != ConversationTypes.Channel || snapshot.TeamId is not { } teamId)
            {
                named.Add(conversation);
                continue;
            }
            if (!teams.TryGetValue(teamId, out var team))
            {
                teams[teamId] = team = await AskAsync(snapshot.ServiceUrl, teamId, cancellationToken);
            }
            named.Add(conversation with
            {
                Snapshot = snapshot with
                {
                    TeamName = team?.Team ?? snapshot.TeamName,
                    Name = team?.Channels.GetValueOrDefault(snapshot.ConversationId) ?? snapshot.Name
                        ?? (snapshot.ConversationId == teamId ? GeneralChannel : null),
                },
            });
        }
        return named;
    }

    /// <summary>"General · GMG Secretariat", "Group chat: Planning", or what is known when Teams gave no names.</summary>
    public static string Label(StoredConversation conversation)
    {
        var s = conversation.Snapshot;
        if (s.ConversationType == ConversationTypes.Channel)
        {
            return (s.Name, s.TeamName) switch
            {
                ({ } channel, { } team) => $"{channel} · {team}",
                ({ } channel, null) => $"Channel {channel}",
                (null, { } team) => $"A channel of {team}",
                _ => s.UserName is { } user ? $"A channel ({user} wrote there last)" : "A channel",
            };
        }
        return s.Name is { } topic ? $"Group chat: {topic}"
            : s.UserName is { } last ? $"Group chat ({last} wrote there last)"
            : "A group chat";
    }

    private sealed record TeamNames(string? Team, IReadOnlyDictionary<string, string> Channels);

    private async Task<TeamNames?> AskAsync(string serviceUrl, string teamId, CancellationToken cancellationToken)
    {
        try
        {
            var connector = connectors.Create(serviceUrl);
            var details = await connector.GetTeamDetailsAsync(teamId, cancellationToken);
            var channels = await connector.GetTeamChannelsAsync(teamId, cancellationToken);
            return new TeamNames(details.Name, channels
                .Where(c => c.Id is not null)
                .ToDictionary(c => c.Id!, c => c.Name ?? (c.Id == teamId ? GeneralChannel : c.Id!), StringComparer.Ordinal));
        }
        catch (Exception ex) when (ex is ConnectorException or HttpRequestException or ArgumentException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // The composer still opens: with the names Teams sent earlier, or saying what it can.
            logger.LogWarning(ex, "Could not ask Teams for the names of team {TeamId}'s channels.", teamId);
            return null;
        }
    }
}
