using System.Reflection;
using GmgBot.Core.Knowledge;
using NJsonSchema;

namespace GmgBot.Core.Tests.Knowledge;

/// <summary>
/// The JSON Schemas and the C# model describe the same YAML: a property the schema forbids could never be written,
/// and one the model lacks could never be read. This keeps them from drifting apart.
/// </summary>
public sealed class SchemaModelAgreementTests
{
    public static TheoryData<string> YamlFiles => [.. KnowledgeLayout.YamlFiles.Select(f => f.Name)];

    [Theory]
    [MemberData(nameof(YamlFiles))]
    public async Task Schema_allows_exactly_the_models_properties(string fileName)
    {
        var file = KnowledgeLayout.YamlFiles.Single(f => f.Name == fileName);
        var schema = await JsonSchema.FromFileAsync(Path.Combine(KnowledgeFolder.Shipped, KnowledgeLayout.SchemaFolder, file.Schema));
        var mismatches = new List<string>();

        Compare(file.ModelType, schema, file.Name, mismatches);

        Assert.True(mismatches.Count == 0, string.Join(Environment.NewLine, mismatches));
    }

    private static void Compare(Type type, JsonSchema schema, string path, List<string> mismatches)
    {
        var actual = schema.ActualSchema;
        if (ElementType(type) is { } element)
        {
            Compare(element, actual.Item ?? throw new InvalidOperationException($"{path}: schema is not an array"), path + "[]", mismatches);
            return;
        }
        if (!IsModelRecord(type))
        {
            return;
        }
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).ToDictionary(p => JsonName(p.Name));
        var allowed = actual.ActualProperties;
        mismatches.AddRange(properties.Keys.Except(allowed.Keys).Select(p => $"{path}.{p}: in the model, not allowed by the schema"));
        mismatches.AddRange(allowed.Keys.Except(properties.Keys).Select(p => $"{path}.{p}: allowed by the schema, not in the model"));
        foreach (var (name, property) in properties)
        {
            if (allowed.TryGetValue(name, out var propertySchema))
            {
                Compare(property.PropertyType, propertySchema, $"{path}.{name}", mismatches);
            }
        }
    }

    private static Type? ElementType(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() is var definition
        && (definition == typeof(IReadOnlyList<>) || definition == typeof(List<>))
            ? type.GetGenericArguments()[0]
            : null;

    private static bool IsModelRecord(Type type) => type.IsClass && type.Namespace == typeof(KnowledgeBase).Namespace;

    private static string JsonName(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
