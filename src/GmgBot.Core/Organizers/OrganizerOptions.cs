using GmgBot.Core.Conversation;
using Microsoft.Extensions.Options;

namespace GmgBot.Core.Organizers;

/// <summary>Who may broadcast (configuration section "Organizers": ObjectIds:0..n, Entra object ids).</summary>
public sealed class OrganizerOptions
{
    public const string SectionName = "Organizers";

    public List<string> ObjectIds { get; set; } = [];
}

/// <summary>Every organizer entry must be an Entra object id (a GUID): a typo would silently lock an organizer out.</summary>
public sealed class OrganizerOptionsValidator : IValidateOptions<OrganizerOptions>
{
    public ValidateOptionsResult Validate(string? name, OrganizerOptions options)
    {
        var errors = options.ObjectIds
            .Select((id, i) => (id, i))
            .Where(x => !Guid.TryParse(x.id, out _))
            .Select(x => $"Organizers:ObjectIds:{x.i} ('{x.id}') is not an Entra object id (a GUID such as 6b3c0b3e-1111-4d3f-9a41-000000000001).")
            .ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

/// <summary>Decides who is an organizer. Configured object ids today; a directory group could answer later.</summary>
public interface IOrganizers
{
    bool IsOrganizer(QuestionContext context);
}

public sealed class ConfiguredOrganizers(IOptions<OrganizerOptions> options) : IOrganizers
{
    private readonly HashSet<Guid> _ids = [.. options.Value.ObjectIds.Select(id => Guid.TryParse(id, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty)];

    // The AAD object id comes from the channel's activity (from.aadObjectId), which the channel authenticated.
    public bool IsOrganizer(QuestionContext context) =>
        Guid.TryParse(context.AadObjectId, out var id) && _ids.Contains(id);
}
