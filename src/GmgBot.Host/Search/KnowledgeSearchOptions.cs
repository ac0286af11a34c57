using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace GmgBot.Host.Search;

public enum SearchProvider { Lucene, Azure }

/// <summary>Where the knowledge's full-text index lives: configuration section <c>Search</c>.</summary>
public sealed class KnowledgeSearchOptions
{
    public const string SectionName = "Search";

    /// <summary><c>Lucene</c> (default): an index on local disk. <c>Azure</c>: an Azure AI Search service.</summary>
    public SearchProvider Provider { get; set; } = SearchProvider.Lucene;

    /// <summary>Lucene only: the index folder; a relative path is under the content root.</summary>
    public string LucenePath { get; set; } = Path.Combine("data", "index");

    /// <summary>Azure only: the service URL, e.g. <c>https://gmgbot.search.windows.net</c>.</summary>
    public string? Endpoint { get; set; }

    /// <summary>Azure only: the index (its synonym map is named <c>{IndexName}-synonyms</c>).</summary>
    public string IndexName { get; set; } = "gmgbot-knowledge";

    /// <summary>Azure only: an admin key. Without one the host signs in with Microsoft Entra ID (DefaultAzureCredential).</summary>
    public string? ApiKey { get; set; }

    /// <summary>Azure only, without ApiKey: the client id of the user-assigned managed identity to sign in as.</summary>
    public string? ManagedIdentityClientId { get; set; }
}

/// <summary>Checks the combination of settings at start, naming the setting that is wrong.</summary>
public sealed partial class KnowledgeSearchOptionsValidator : IValidateOptions<KnowledgeSearchOptions>
{
    private const string Section = KnowledgeSearchOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, KnowledgeSearchOptions options)
    {
        var errors = options.Provider switch
        {
            SearchProvider.Lucene => LuceneErrors(options),
            SearchProvider.Azure => AzureErrors(options),
            _ => [$"{Section}:Provider must be Lucene or Azure; got '{options.Provider}'."],
        };
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static List<string> LuceneErrors(KnowledgeSearchOptions options) =>
        string.IsNullOrWhiteSpace(options.LucenePath) ? [$"{Section}:LucenePath must name the index folder when {Section}:Provider is Lucene."] : [];

    private static List<string> AzureErrors(KnowledgeSearchOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Endpoint))
        {
            errors.Add($"{Section}:Endpoint is required when {Section}:Provider is Azure (e.g. https://<service>.search.windows.net).");
        }
        else if (!Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme != Uri.UriSchemeHttps)
        {
            // The Azure SDK refuses anything but https, loopback included; say so now rather than at the first search.
            errors.Add($"{Section}:Endpoint must be an absolute https URL (e.g. https://<service>.search.windows.net); got '{options.Endpoint}'.");
        }
        if (!IndexNamePattern().IsMatch(options.IndexName ?? ""))
        {
            errors.Add($"{Section}:IndexName '{options.IndexName}' is not a valid Azure AI Search name: 2 to 119 lowercase letters, " +
                "digits and single dashes, starting and ending with a letter or digit (the synonym map adds '-synonyms').");
        }
        if (options.ApiKey is { } key && string.IsNullOrWhiteSpace(key))
        {
            errors.Add($"{Section}:ApiKey is blank: remove it to sign in with Microsoft Entra ID, or set the service's admin key.");
        }
        if (!string.IsNullOrWhiteSpace(options.ApiKey) && !string.IsNullOrWhiteSpace(options.ManagedIdentityClientId))
        {
            errors.Add($"{Section}:ApiKey and {Section}:ManagedIdentityClientId are exclusive: a key, or a managed identity, not both.");
        }
        return errors;
    }

    // Index names allow '_' but synonym map names do not; the map takes the index's name, so both rules apply.
    [GeneratedRegex("^(?=.{2,119}$)[a-z0-9](?:-?[a-z0-9])*$")]
    private static partial Regex IndexNamePattern();
}
