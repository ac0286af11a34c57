using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json.Linq;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.Converters;
using YamlDotNet.Serialization.NamingConventions;

namespace GmgBot.Core.Knowledge;

/// <summary>The outcome of reading a knowledge folder: the knowledge when it is sound, and every error found.</summary>
public sealed record KnowledgeLoadResult(KnowledgeBase? Knowledge, IReadOnlyList<KnowledgeError> Errors)
{
    public bool IsValid => Knowledge is not null && Errors.Count == 0;
}

/// <summary>
/// Loads a knowledge folder (see knowledge/README.md): each YAML file is checked against its JSON Schema and read into
/// the model, each document's Markdown is split into sections, and the whole is validated by <see cref="KnowledgeValidator"/>.
/// The folder is whatever the caller passes, so the host decides where the knowledge lives.
/// </summary>
public sealed class KnowledgeLoader(KnowledgeValidator validator)
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .WithEnumNamingConvention(HyphenatedNamingConvention.Instance)
        .WithTypeConverter(new DateOnlyConverter(formats: ["yyyy-MM-dd"]))
        .WithTypeConverter(new TimeOnlyConverter(formats: ["HH:mm"]))
        .WithNodeDeserializer(new ReadOnlyListNodeDeserializer(), where => where.OnTop())
        .WithDuplicateKeyChecking()
        .WithEnforceRequiredMembers()
        .Build();

    public KnowledgeLoader()
        : this(new KnowledgeValidator())
    {
    }

    /// <summary>Loads and validates the folder.</summary>
    /// <exception cref="KnowledgeValidationException">The folder is missing, unreadable or invalid; the message lists every error.</exception>
    public async Task<KnowledgeBase> LoadAsync(string directory, CancellationToken cancellationToken = default)
    {
        var result = await TryLoadAsync(directory, cancellationToken);
        return result.IsValid ? result.Knowledge! : throw new KnowledgeValidationException(directory, result.Errors);
    }

    /// <summary>Loads and validates the folder, returning the errors instead of throwing.</summary>
    public async Task<KnowledgeLoadResult> TryLoadAsync(string directory, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (!Directory.Exists(directory))
        {
            return new KnowledgeLoadResult(null, [new KnowledgeError(directory, null, "the knowledge folder does not exist")]);
        }

        var errors = new List<KnowledgeError>();
        var schemaFolder = Path.Combine(directory, KnowledgeLayout.SchemaFolder);
        var records = new Dictionary<YamlFile, object>();
        foreach (var file in KnowledgeLayout.YamlFiles)
        {
            if (await ReadYamlAsync(directory, schemaFolder, file, errors, cancellationToken) is { } value)
            {
                records[file] = value;
            }
        }
        var documents = await ReadDocumentsAsync(directory, schemaFolder, errors, cancellationToken);

        if (records.Count < KnowledgeLayout.YamlFiles.Count)
        {
            return new KnowledgeLoadResult(null, errors);
        }

        var knowledge = new KnowledgeBase
        {
            Event = (EventInfo)records[KnowledgeLayout.Event],
            Sessions = (List<Session>)records[KnowledgeLayout.Sessions],
            People = (List<Person>)records[KnowledgeLayout.People],
            Organisations = (List<Organisation>)records[KnowledgeLayout.Organisations],
            WorkingGroups = (List<WorkingGroup>)records[KnowledgeLayout.WorkingGroups],
            Sdg = (SdgCatalogue)records[KnowledgeLayout.Sdg],
            Events = (List<DatedEvent>)records[KnowledgeLayout.Events],
            Facts = (List<Fact>)records[KnowledgeLayout.Facts],
            Glossary = (List<Term>)records[KnowledgeLayout.Glossary],
            Documents = documents,
            ContentHash = await ContentHashAsync(directory, cancellationToken),
        };
        errors.AddRange(validator.Validate(knowledge));
        return new KnowledgeLoadResult(knowledge, errors);
    }

    private static async Task<object?> ReadYamlAsync(string directory, string schemaFolder, YamlFile file, List<KnowledgeError> errors, CancellationToken cancellationToken)
    {
        var path = Path.Combine(directory, file.Name);
        if (!File.Exists(path))
        {
            errors.Add(new KnowledgeError(file.Name, null, "the file is missing"));
            return null;
        }
        var yaml = await File.ReadAllTextAsync(path, cancellationToken);
        var schema = await SchemaCheck.LoadSchemaAsync(Path.Combine(schemaFolder, file.Schema), file.Name, errors, cancellationToken);
        if (schema is null || ParseYaml(yaml, file.Name, errors) is not { } json)
        {
            return null;
        }
        var schemaErrors = SchemaCheck.Validate(schema, json, file.Name).ToList();
        if (schemaErrors.Count > 0)
        {
            errors.AddRange(schemaErrors);
            return null;
        }
        return Deserialize(yaml, file.ModelType, file.Name, errors);
    }

    private static async Task<IReadOnlyList<SourceDocument>> ReadDocumentsAsync(string directory, string schemaFolder, List<KnowledgeError> errors, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(directory, KnowledgeLayout.DocumentsFolder);
        if (!Directory.Exists(folder))
        {
            errors.Add(new KnowledgeError(KnowledgeLayout.DocumentsFolder, null, "the documents folder is missing"));
            return [];
        }
        var schema = await SchemaCheck.LoadSchemaAsync(Path.Combine(schemaFolder, KnowledgeLayout.DocumentSchema), KnowledgeLayout.DocumentsFolder, errors, cancellationToken);
        var documents = new List<SourceDocument>();
        foreach (var path in Directory.EnumerateFiles(folder, "*.md").Order(StringComparer.Ordinal))
        {
            var file = $"{KnowledgeLayout.DocumentsFolder}/{Path.GetFileName(path)}";
            var parsed = MarkdownDocuments.Parse(await File.ReadAllTextAsync(path, cancellationToken), file, errors);
            if (parsed.FrontMatter is null)
            {
                errors.Add(new KnowledgeError(file, null, "the YAML front matter (between --- lines) is missing"));
                continue;
            }
            if (schema is null || ParseYaml(parsed.FrontMatter, file, errors) is not { } json)
            {
                continue;
            }
            var schemaErrors = SchemaCheck.Validate(schema, json, file).ToList();
            errors.AddRange(schemaErrors);
            var front = schemaErrors.Count == 0
                ? Deserialize(parsed.FrontMatter, typeof(FrontMatter), file, errors) as FrontMatter
                : PartialFrontMatter(json);
            if (front is null)
            {
                continue;
            }
            if (!string.Equals(front.Id, Path.GetFileNameWithoutExtension(path), StringComparison.Ordinal))
            {
                errors.Add(new KnowledgeError(file, front.Id, $"the document id '{front.Id}' must match the file name"));
            }
            documents.Add(new SourceDocument
            {
                Id = front.Id,
                Title = front.Title,
                ShortTitle = front.ShortTitle,
                IssuingBody = front.IssuingBody,
                Date = front.Date,
                OriginalFile = front.OriginalFile,
                Notes = front.Notes,
                Aliases = front.Aliases,
                Sections = parsed.Sections,
            });
        }
        return documents;
    }

    /// <summary>
    /// Keeps a document whose front matter is incomplete, so its sections still resolve citations and the organizer
    /// sees the one front-matter error rather than every citation of the document failing with it.
    /// </summary>
    private static FrontMatter? PartialFrontMatter(JToken json) =>
        json is JObject fields && fields["id"] is JValue { Value: string id }
            ? new FrontMatter
            {
                Id = id,
                Title = (string?)fields["title"] ?? "",
                ShortTitle = (string?)fields["shortTitle"] ?? "",
                IssuingBody = (string?)fields["issuingBody"] ?? "",
                Date = (string?)fields["date"] ?? "",
                OriginalFile = (string?)fields["originalFile"] ?? "",
            }
            : null;

    private static JToken? ParseYaml(string yaml, string file, List<KnowledgeError> errors)
    {
        try
        {
            return YamlJson.Parse(yaml);
        }
        catch (YamlException e)
        {
            errors.Add(new KnowledgeError(file, null, $"not valid YAML: {Innermost(e).Message}", (int)e.Start.Line));
            return null;
        }
    }

    private static object? Deserialize(string yaml, Type type, string file, List<KnowledgeError> errors)
    {
        try
        {
            return Deserializer.Deserialize(yaml, type);
        }
        catch (YamlException e)
        {
            errors.Add(new KnowledgeError(file, null, $"cannot be read into the model: {Innermost(e).Message}", (int)e.Start.Line));
            return null;
        }
    }

    private static Exception Innermost(Exception e) => e.InnerException is { } inner ? Innermost(inner) : e;

    /// <summary>A hash of every file the loader reads, so a search index can tell whether the knowledge changed.</summary>
    private static async Task<string> ContentHashAsync(string directory, CancellationToken cancellationToken)
    {
        var files = Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Select(path => (Path: path, Relative: Path.GetRelativePath(directory, path).Replace('\\', '/')))
            .Where(f => IsKnowledgeFile(f.Relative))
            .OrderBy(f => f.Relative, StringComparer.Ordinal);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (path, relative) in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(relative + "\0"));
            hash.AppendData(await File.ReadAllBytesAsync(path, cancellationToken));
            hash.AppendData([0]);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static bool IsKnowledgeFile(string relative) =>
        KnowledgeLayout.YamlFiles.Any(f => f.Name == relative)
        || (relative.StartsWith(KnowledgeLayout.SchemaFolder + "/", StringComparison.Ordinal) && relative.EndsWith(".json", StringComparison.Ordinal))
        || (relative.StartsWith(KnowledgeLayout.DocumentsFolder + "/", StringComparison.Ordinal) && relative.EndsWith(".md", StringComparison.Ordinal));

    /// <summary>A document's front matter (knowledge/schema/document.schema.json).</summary>
    internal sealed record FrontMatter
    {
        public required string Id { get; init; }
        public required string Title { get; init; }
        public required string ShortTitle { get; init; }
        public required string IssuingBody { get; init; }
        public required string Date { get; init; }
        public required string OriginalFile { get; init; }
        public string? Notes { get; init; }
        public IReadOnlyList<string> Aliases { get; init; } = [];
    }
}
