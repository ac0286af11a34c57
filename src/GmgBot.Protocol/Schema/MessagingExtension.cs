using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace GmgBot.Protocol.Schema;

/// <summary>The value of a composeExtension/query invoke: what the user typed in a search-based message extension.</summary>
public sealed class MessagingExtensionQuery
{
    /// <summary>The manifest's composeExtensions[].commands[].id.</summary>
    public string? CommandId { get; set; }
    public IList<MessagingExtensionParameter>? Parameters { get; set; }
    public MessagingExtensionQueryOptions? QueryOptions { get; set; }
    public string? State { get; set; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? Properties { get; set; }

    /// <summary>The name Teams gives the parameter of a command opened with initialRun, before anything is typed.</summary>
    public const string InitialRunParameter = "initialRun";

    /// <summary>The text of parameter <paramref name="name"/> when it is a string; null otherwise.</summary>
    public string? TextOf(string name) =>
        Parameters?.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal))?.Value is JsonValue value
        && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>Whether Teams asks for the results shown before the user types (initialRun).</summary>
    public bool IsInitialRun => Parameters?.Any(p => string.Equals(p.Name, InitialRunParameter, StringComparison.Ordinal)) == true;
}

public sealed class MessagingExtensionParameter
{
    public string? Name { get; set; }
    /// <summary>A string for text parameters; "true" or true for initialRun.</summary>
    public JsonNode? Value { get; set; }
}

public sealed class MessagingExtensionQueryOptions
{
    public int? Skip { get; set; }
    public int? Count { get; set; }
}

/// <summary>The value of a composeExtension/queryLink invoke: a link the user pasted whose domain the app's messageHandlers name.</summary>
public sealed class AppBasedLinkQuery
{
    public string? Url { get; set; }
    public string? State { get; set; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? Properties { get; set; }
}

/// <summary>The body of the HTTP 200 answer to a message extension's query, selectItem or queryLink invoke.</summary>
public sealed class MessagingExtensionResponse
{
    public MessagingExtensionResult? ComposeExtension { get; set; }

    /// <summary>A list of results: each a card to insert, with the preview Teams lists it by.</summary>
    public static MessagingExtensionResponse Results(IEnumerable<MessagingExtensionAttachment> attachments) => new()
    {
        ComposeExtension = new MessagingExtensionResult
        {
            Type = MessagingExtensionResult.ResultType,
            AttachmentLayout = MessagingExtensionResult.ListLayout,
            Attachments = [.. attachments],
        },
    };

    /// <summary>A line Teams shows in place of results ("type at least two letters", "nothing found").</summary>
    public static MessagingExtensionResponse Message(string text) => new()
    {
        ComposeExtension = new MessagingExtensionResult { Type = MessagingExtensionResult.MessageType, Text = text },
    };
}

public sealed class MessagingExtensionResult
{
    public const string ResultType = "result";
    public const string MessageType = "message";
    public const string ListLayout = "list";

    /// <summary>"list" or "grid".</summary>
    public string? AttachmentLayout { get; set; }
    /// <summary>"result", "message", "auth", "config", "botMessagePreview".</summary>
    public string? Type { get; set; }
    public IList<MessagingExtensionAttachment>? Attachments { get; set; }
    public string? Text { get; set; }
}

/// <summary>A result: the card inserted into the message (<see cref="Content"/>) and how the result list shows it (<see cref="Preview"/>).</summary>
public sealed class MessagingExtensionAttachment
{
    public string? ContentType { get; set; }
    public JsonNode? Content { get; set; }
    public Attachment? Preview { get; set; }
}

/// <summary>A thumbnail card: what a message extension's result list shows (title, subtitle, a line of text, a tap action).</summary>
public sealed class ThumbnailCard
{
    public const string ContentType = "application/vnd.microsoft.card.thumbnail";

    public string? Title { get; set; }
    public string? Subtitle { get; set; }
    public string? Text { get; set; }
    /// <summary>In a result list: an <see cref="ActionTypes.Invoke"/> whose value comes back as composeExtension/selectItem.</summary>
    public SuggestedAction? Tap { get; set; }

    public Attachment ToAttachment() => new() { ContentType = ContentType, Content = JsonSerializer.SerializeToNode(this, BotJson.Options) };
}
