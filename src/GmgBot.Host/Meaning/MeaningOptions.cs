using Microsoft.Extensions.Options;

namespace GmgBot.Host.Meaning;

public enum EmbeddingProvider { Local, AzureOpenAI, None }

/// <summary>
/// Which model turns questions and documents into vectors of meaning: configuration section <c>Embeddings</c>. The
/// answering thresholds are calibrated for the local model (arctic-embed-xs); another model needs them recalibrated
/// with the quality bench (README, "How a question becomes an answer").
/// </summary>
public sealed class MeaningOptions
{
    public const string SectionName = "Embeddings";

    /// <summary><c>Local</c> (default): arctic-embed-xs in-process. <c>AzureOpenAI</c>: an Azure OpenAI deployment. <c>None</c>: words only.</summary>
    public EmbeddingProvider Provider { get; set; } = EmbeddingProvider.Local;

    /// <summary>Where the documents' vectors are kept between starts; a relative path is under the content root.</summary>
    public string CachePath { get; set; } = Path.Combine("data", "vectors");

    /// <summary>How many questions' vectors are kept in memory (a question asked again costs no model run).</summary>
    public int QuestionCacheSize { get; set; } = 2000;

    /// <summary>AzureOpenAI only: the resource, e.g. <c>https://gmgbot.openai.azure.com</c> (its OpenAI-compatible v1 API is used).</summary>
    public string? Endpoint { get; set; }

    /// <summary>AzureOpenAI only: the embedding deployment's name, e.g. <c>text-embedding-3-small</c>.</summary>
    public string? Deployment { get; set; }

    /// <summary>AzureOpenAI only: a key; without one the host signs in with Microsoft Entra ID (DefaultAzureCredential).</summary>
    public string? ApiKey { get; set; }
}

/// <summary>Checks the embedding settings at start, naming the setting that is wrong.</summary>
public sealed class MeaningOptionsValidator : IValidateOptions<MeaningOptions>
{
    private const string Section = MeaningOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, MeaningOptions options)
    {
        var errors = new List<string>();
        if (options.Provider == EmbeddingProvider.AzureOpenAI)
        {
            if (!Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme != Uri.UriSchemeHttps && !endpoint.IsLoopback)
            {
                errors.Add($"{Section}:Endpoint must be the https URL of the Azure OpenAI resource when {Section}:Provider is AzureOpenAI; got '{options.Endpoint}'.");
            }
            if (string.IsNullOrWhiteSpace(options.Deployment))
            {
                errors.Add($"{Section}:Deployment must name the embedding deployment when {Section}:Provider is AzureOpenAI.");
            }
        }
        if (options.Provider != EmbeddingProvider.None && string.IsNullOrWhiteSpace(options.CachePath))
        {
            errors.Add($"{Section}:CachePath must name a folder for the documents' vectors.");
        }
        if (options.QuestionCacheSize < 0)
        {
            errors.Add($"{Section}:QuestionCacheSize must be 0 or more.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
