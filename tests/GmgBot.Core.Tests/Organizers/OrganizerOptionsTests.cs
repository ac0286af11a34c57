using GmgBot.Core.Conversation;
using GmgBot.Core.Organizers;
using Microsoft.Extensions.Options;

namespace GmgBot.Core.Tests.Organizers;

public sealed class OrganizerOptionsTests
{
    private const string Organizer = "6b3c0b3e-1111-4d3f-9a41-0000000000aa";

    [Fact]
    public void Entries_that_are_not_object_ids_are_named_in_the_error()
    {
        var result = new OrganizerOptionsValidator().Validate(null, new OrganizerOptions { ObjectIds = [Organizer, "alice@example.org"] });

        Assert.True(result.Failed);
        Assert.Contains("Organizers:ObjectIds:1 ('alice@example.org')", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void No_organizers_is_a_valid_configuration() =>
        Assert.True(new OrganizerOptionsValidator().Validate(null, new OrganizerOptions()).Succeeded);

    [Theory]
    [InlineData(Organizer, true)]
    [InlineData("6B3C0B3E-1111-4D3F-9A41-0000000000AA", true)]
    [InlineData("6b3c0b3e-1111-4d3f-9a41-000000000001", false)]
    [InlineData(null, false)]
    public void Only_configured_object_ids_are_organizers(string? objectId, bool expected)
    {
        var organizers = new ConfiguredOrganizers(Options.Create(new OrganizerOptions { ObjectIds = [Organizer] }));

        Assert.Equal(expected, organizers.IsOrganizer(new QuestionContext { AadObjectId = objectId, UserId = "29:x" }));
    }
}
