namespace GmgBot.Core.Knowledge;

/// <summary>
/// How a knowledge folder is laid out: one YAML file per record kind, each checked by a JSON Schema in schema/,
/// and the source documents as Markdown in documents/. This is the single place that names the files.
/// </summary>
internal static class KnowledgeLayout
{
    public const string SchemaFolder = "schema";
    public const string DocumentsFolder = "documents";
    public const string DocumentSchema = "document.schema.json";

    public static readonly YamlFile Event = new("event.yaml", "event.schema.json", typeof(EventInfo));
    public static readonly YamlFile Sessions = new("sessions.yaml", "sessions.schema.json", typeof(List<Session>));
    public static readonly YamlFile People = new("people.yaml", "people.schema.json", typeof(List<Person>));
    public static readonly YamlFile Organisations = new("organisations.yaml", "organisations.schema.json", typeof(List<Organisation>));
    public static readonly YamlFile WorkingGroups = new("working-groups.yaml", "working-groups.schema.json", typeof(List<WorkingGroup>));
    public static readonly YamlFile Sdg = new("sdg.yaml", "sdg.schema.json", typeof(SdgCatalogue));
    public static readonly YamlFile Events = new("events.yaml", "events.schema.json", typeof(List<DatedEvent>));
    public static readonly YamlFile Facts = new("facts.yaml", "facts.schema.json", typeof(List<Fact>));
    public static readonly YamlFile Glossary = new("glossary.yaml", "glossary.schema.json", typeof(List<Term>));

    public static readonly IReadOnlyList<YamlFile> YamlFiles =
        [Event, Sessions, People, Organisations, WorkingGroups, Sdg, Events, Facts, Glossary];

    public static string DocumentFile(string documentId) => $"{DocumentsFolder}/{documentId}.md";
}

/// <summary>A YAML file of the knowledge folder, the schema that checks it and the model type it loads into.</summary>
internal sealed record YamlFile(string Name, string Schema, Type ModelType);
