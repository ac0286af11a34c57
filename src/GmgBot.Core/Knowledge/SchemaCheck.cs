using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace GmgBot.Core.Knowledge;

/// <summary>Checks a YAML file's JSON value against its JSON Schema and words each violation for an organizer.</summary>
internal static class SchemaCheck
{
    private static readonly string[] IdKeys = ["id", "abbreviation", "number"];

    public static async Task<JsonSchema?> LoadSchemaAsync(string schemaPath, string file, List<KnowledgeError> errors, CancellationToken cancellationToken)
    {
        if (!File.Exists(schemaPath))
        {
            errors.Add(new KnowledgeError(file, null, $"schema file '{Path.GetFileName(schemaPath)}' is missing from the schema folder"));
            return null;
        }
        try
        {
            return await JsonSchema.FromFileAsync(schemaPath, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            errors.Add(new KnowledgeError(file, null, $"schema file '{Path.GetFileName(schemaPath)}' cannot be read: {e.Message}"));
            return null;
        }
    }

    public static IEnumerable<KnowledgeError> Validate(JsonSchema schema, JToken value, string file) =>
        Flatten(schema.Validate(value)).Select(error => ToKnowledgeError(error, file));

    private static IEnumerable<ValidationError> Flatten(IEnumerable<ValidationError> errors)
    {
        foreach (var error in errors)
        {
            if (error is ChildSchemaValidationError child && child.Errors.Count > 0)
            {
                foreach (var inner in Flatten(child.Errors.Values.SelectMany(e => e)))
                {
                    yield return inner;
                }
            }
            else
            {
                yield return error;
            }
        }
    }

    private static KnowledgeError ToKnowledgeError(ValidationError error, string file)
    {
        var token = error.Token;
        var path = string.IsNullOrEmpty(token?.Path) ? "(top level)" : token!.Path;
        var message = error.Kind switch
        {
            ValidationErrorKind.PropertyRequired => $"{path}: required property '{error.Property}' is missing",
            ValidationErrorKind.NoAdditionalPropertiesAllowed => $"{path}: property '{error.Property}' is not allowed here (misspelt?)",
            ValidationErrorKind.PatternMismatch => $"{path}: '{token}' does not have the expected form ({error.Schema?.Pattern})",
            ValidationErrorKind.NotInEnumeration => $"{path}: '{token}' is not one of {string.Join(", ", error.Schema?.Enumeration.Select(v => $"'{v}'") ?? [])}",
            _ => $"{path}: {Words(error.Kind.ToString())}",
        };
        return new KnowledgeError(file, RecordId(token), message, YamlJson.LineOf(token));
    }

    /// <summary>The id of the record the token belongs to: the nearest enclosing object with an id-like key.</summary>
    private static string? RecordId(JToken? token)
    {
        for (var t = token; t is not null; t = t.Parent)
        {
            if (t is JObject record)
            {
                foreach (var key in IdKeys)
                {
                    if (record[key] is JValue { Value: not null } id)
                    {
                        return id.ToString();
                    }
                }
            }
        }
        return null;
    }

    private static string Words(string pascalCase) =>
        string.Concat(pascalCase.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString()));
}
