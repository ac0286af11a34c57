using GmgBot.Core.Bot;
using GmgBot.Core.Cards;
using GmgBot.Core.Conversation;
using GmgBot.Protocol.Schema;

namespace GmgBot.Core.Tests.Bot;

/// <summary>How a reply becomes the one message Teams shows.</summary>
public sealed class ReplyActivityTests
{
    private static readonly AdaptiveCard Card = CardParts.Card([new TextBlock("Day 1")], "Day 1: **9** agenda items");

    [Fact]
    public void A_card_reply_is_one_message_whose_text_is_a_plain_line_not_a_copy_of_the_card()
    {
        var reply = new BotReply("Day 1: **9 agenda items**, 08:00–17:30.\n\n_Source: Concept note_", [Card]);

        var activity = reply.ToActivity();

        Assert.Equal("Day 1: 9 agenda items, 08:00–17:30.", activity.Text);
        Assert.Equal(activity.Text, activity.Summary);
        Assert.Equal(TextFormatTypes.Plain, activity.TextFormat);
        Assert.Equal(AdaptiveCard.ContentType, Assert.Single(activity.Attachments!).ContentType);
        Assert.Equal("Day 1: 9 agenda items", Card.FallbackText);
    }

    [Fact]
    public void A_text_reply_keeps_its_markdown_for_teams_to_render()
    {
        var activity = BotReply.Plain("Type **help**.\n\nOr ask.").ToActivity();

        Assert.Equal(("Type **help**.\n\nOr ask.", TextFormatTypes.Markdown), (activity.Text, activity.TextFormat));
        Assert.Empty(activity.Attachments!);
        Assert.Null(activity.Summary);
    }

    [Fact]
    public void Suggestions_are_imBack_buttons_for_the_one_user_addressed_and_left_out_otherwise()
    {
        var reply = BotReply.Plain("Hi").Suggesting("Agenda day 2", "Help");

        var personal = reply.ToActivity("29:ana");
        var shared = reply.ToActivity();

        var suggested = personal.SuggestedActions!;
        Assert.Equal("29:ana", suggested["to"]![0]!.GetValue<string>());
        Assert.Equal([("imBack", "Agenda day 2", "Agenda day 2"), ("imBack", "Help", "Help")], suggested["actions"]!.AsArray()
            .Select(a => (a!["type"]!.GetValue<string>(), a["title"]!.GetValue<string>(), a["value"]!.GetValue<string>())));
        Assert.Null(shared.SuggestedActions);
    }
}
