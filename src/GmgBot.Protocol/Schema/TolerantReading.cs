using System.Collections;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace GmgBot.Protocol.Schema;

/// <summary>
/// Reads every property of the schema types so that a value of the wrong shape counts as absent instead of failing
/// the whole activity: <c>"mentioned": "x"</c>, <c>"timezone": 5</c>, <c>"tenant": "x"</c>, <c>"isGroup": "yes"</c>
/// each leave just that property null. List elements that are null or unreadable are dropped
/// (<c>"entities": [null]</c>), and a free-form value (channel data, a card's submitted value) with a duplicate key
/// anywhere inside is absent, because which of the two keys wins is anyone's guess. A string that is not text (an
/// escaped lone surrogate, "\ud800": valid JSON, but no .NET string) is absent too, wherever it is, or reading it later
/// would throw. JSON that is not JSON still fails.
/// </summary>
/// <remarks>
/// System.Text.Json has no "skip what does not fit" option, hence this contract modifier: each property gets a
/// converter that buffers its value and reads it with the normal contract, which is tolerant again one level down.
/// </remarks>
internal static class TolerantReading
{
    private static readonly JsonDocumentOptions StrictDocument = new() { AllowDuplicateProperties = false };

    public static void Apply(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object || typeInfo.Type.Namespace != typeof(Activity).Namespace)
        {
            return;
        }

        foreach (var property in typeInfo.Properties)
        {
            if (property.IsExtensionData && property.Get is { } unknownProperties)
            {
                // Properties the model does not name are kept to be written out again: one that holds no text would fail that.
                typeInfo.OnDeserialized = value => DropUnreadable(unknownProperties(value) as Dictionary<string, JsonElement>);
                continue;
            }

            if (property.CustomConverter is not null || property.PropertyType == typeof(object))
            {
                continue;
            }

            property.CustomConverter = For(property.PropertyType);
        }
    }

    private static void DropUnreadable(Dictionary<string, JsonElement>? properties)
    {
        foreach (var name in properties?.Where(p => !IsText(p.Value)).Select(p => p.Key).ToList() ?? [])
        {
            properties!.Remove(name);
        }
    }

    /// <summary>Whether every string in <paramref name="element"/>, names included, is text .NET can hold.</summary>
    private static bool IsText(JsonElement element)
    {
        try
        {
            ReadEveryString(element);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static void ReadEveryString(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                _ = element.GetString();
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    ReadEveryString(item);
                }

                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    _ = property.Name;
                    ReadEveryString(property.Value);
                }

                break;
        }
    }

    private static JsonConverter For(Type type)
    {
        var converter = typeof(JsonNode).IsAssignableFrom(type)
            ? typeof(NodeConverter<>).MakeGenericType(type)
            : ListElementType(type) is { } element
                ? typeof(ListConverter<,>).MakeGenericType(type, element)
                : typeof(ValueConverter<>).MakeGenericType(type);
        return (JsonConverter)Activator.CreateInstance(converter)!;
    }

    // IList<T> and List<T> properties (members, entities, attachments): the shapes the schema uses for lists.
    private static Type? ListElementType(Type type) =>
        type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(IList<>) || type.GetGenericTypeDefinition() == typeof(List<>))
            ? type.GetGenericArguments()[0]
            : null;

    private sealed class ValueConverter<T> : JsonConverter<T>
    {
        public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            // Parsed outside the try: JSON that is not well-formed must still fail the request.
            var element = JsonElement.ParseValue(ref reader);
            try
            {
                return element.Deserialize<T>(options);
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException)
            {
                return default;
            }
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value, options);
    }

    private sealed class ListConverter<TList, TElement> : JsonConverter<TList> where TList : class, IEnumerable
    {
        public override TList? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var element = JsonElement.ParseValue(ref reader);
            if (element.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var items = new List<TElement>();
            foreach (var item in element.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Null)
                {
                    continue;
                }

                try
                {
                    if (item.Deserialize<TElement>(options) is { } read)
                    {
                        items.Add(read);
                    }
                }
                catch (Exception ex) when (ex is JsonException or InvalidOperationException)
                {
                    // An unreadable element is left out; the rest of the list still counts.
                }
            }

            return items as TList;
        }

        public override void Write(Utf8JsonWriter writer, TList value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value, options);
    }

    private sealed class NodeConverter<TNode> : JsonConverter<TNode> where TNode : JsonNode
    {
        public override TNode? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var element = JsonElement.ParseValue(ref reader);
            try
            {
                // JsonNode reads nested objects lazily and would throw on a duplicate key or a lone surrogate at first
                // access, deep in a handler; parsing again with duplicates refused, and reading every string, finds them now.
                using var document = JsonDocument.Parse(element.GetRawText(), StrictDocument);
                return IsText(document.RootElement) ? JsonNode.Parse(element.GetRawText()) as TNode : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        public override void Write(Utf8JsonWriter writer, TNode value, JsonSerializerOptions options) => value.WriteTo(writer, options);
    }
}
