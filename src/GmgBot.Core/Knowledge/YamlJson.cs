using System.Globalization;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace GmgBot.Core.Knowledge;

/// <summary>
/// Turns a YAML document into the JSON value a JSON Schema checks, typing plain scalars by the YAML 1.2 core schema
/// (quoted scalars stay strings). Each token remembers the YAML line it came from, so schema errors point at it.
/// </summary>
internal static partial class YamlJson
{
    /// <summary>The YAML line a token came from, attached as a token annotation.</summary>
    internal sealed record Position(int Line);

    /// <exception cref="YamlException">The text is not well-formed YAML (YamlDotNet also rejects duplicate keys).</exception>
    public static JToken Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.Count == 0 ? JValue.CreateNull() : Convert(stream.Documents[0].RootNode);
    }

    public static int? LineOf(JToken? token)
    {
        for (var t = token; t is not null; t = t.Parent)
        {
            if (t.Annotation<Position>() is { } position)
            {
                return position.Line;
            }
        }
        return null;
    }

    private static JToken Convert(YamlNode node)
    {
        JToken token = node switch
        {
            YamlMappingNode mapping => ConvertMapping(mapping),
            YamlSequenceNode sequence => new JArray(sequence.Children.Select(Convert)),
            YamlScalarNode scalar => ConvertScalar(scalar),
            _ => throw new YamlException(node.Start, node.End, $"Unsupported YAML node {node.NodeType}."),
        };
        token.AddAnnotation(new Position((int)node.Start.Line));
        return token;
    }

    private static JObject ConvertMapping(YamlMappingNode mapping)
    {
        var result = new JObject();
        foreach (var (key, value) in mapping.Children)
        {
            var name = key is YamlScalarNode { Value: { } text }
                ? text
                : throw new YamlException(key.Start, key.End, "Mapping keys must be plain text.");
            result[name] = Convert(value);
        }
        return result;
    }

    private static JValue ConvertScalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is not ScalarStyle.Plain)
        {
            return new JValue(text);
        }
        return text switch
        {
            "" or "~" or "null" or "Null" or "NULL" => JValue.CreateNull(),
            "true" or "True" or "TRUE" => new JValue(true),
            "false" or "False" or "FALSE" => new JValue(false),
            _ when IntegerPattern().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer) => new JValue(integer),
            _ when FloatPattern().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => new JValue(number),
            _ => new JValue(text),
        };
    }

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}
