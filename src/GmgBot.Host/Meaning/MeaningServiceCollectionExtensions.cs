using System.ClientModel;
using System.ClientModel.Primitives;
using Azure.Identity;
using GmgBot.Core.Search;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenAI;

namespace GmgBot.Host.Meaning;

public static class MeaningServiceCollectionExtensions
{
    /// <summary>Key of the embedding generator for questions (the documents' one has no key): it remembers recent questions.</summary>
    public const string QuestionsKey = "questions";

    /// <summary>Key of an optional <see cref="HttpMessageHandler"/> that carries Azure OpenAI requests (tests, proxies).</summary>
    public const string TransportKey = "Embeddings";

    /// <summary>
    /// Meaning: the embedding model as <see cref="IEmbeddingGenerator{TInput,TEmbedding}"/> (for documents; keyed
    /// <see cref="QuestionsKey"/> for questions, with a cache of recent ones) and the documents' vectors kept between
    /// starts. With <c>Embeddings:Provider=None</c> nothing is registered and the bot matches words only.
    /// </summary>
    public static IServiceCollection AddMeaning(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MeaningOptions>().Bind(configuration.GetSection(MeaningOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MeaningOptions>, MeaningOptionsValidator>());
        if (configuration.GetSection(MeaningOptions.SectionName).Get<MeaningOptions>()?.Provider == EmbeddingProvider.None)
        {
            return services;
        }
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(sp => Create(sp.GetRequiredService<IOptions<MeaningOptions>>().Value, sp));
        services.AddKeyedSingleton<IEmbeddingGenerator<string, Embedding<float>>>(QuestionsKey, (sp, _) =>
        {
            var options = sp.GetRequiredService<IOptions<MeaningOptions>>().Value;
            var model = sp.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
            // A vector is some 400 floats: the cache holds QuestionCacheSize of them, each counted by its serialised size.
            var cache = new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions { SizeLimit = options.QuestionCacheSize * 8_192L }));
            return options.QuestionCacheSize == 0 ? model : new EmbeddingGeneratorBuilder<string, Embedding<float>>(model).UseDistributedCache(cache).Build(sp);
        });
        services.AddSingleton(sp => new DocumentVectorCache(
            sp.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>(),
            Path.GetFullPath(sp.GetRequiredService<IOptions<MeaningOptions>>().Value.CachePath, sp.GetService<IHostEnvironment>()?.ContentRootPath ?? AppContext.BaseDirectory)));
        return services;
    }

    private static IEmbeddingGenerator<string, Embedding<float>> Create(MeaningOptions options, IServiceProvider services) => options.Provider switch
    {
        EmbeddingProvider.AzureOpenAI => AzureOpenAI(options, services.GetKeyedService<HttpMessageHandler>(TransportKey)),
        _ => new SentenceEncoder(Path.GetFullPath(options.CachePath, services.GetService<IHostEnvironment>()?.ContentRootPath ?? AppContext.BaseDirectory)),
    };

    // Azure OpenAI's v1 API speaks the OpenAI protocol: the OpenAI client with the resource's /openai/v1/ address, signed
    // in with the key or with Entra ID (a bearer token for Cognitive Services).
    private static IEmbeddingGenerator<string, Embedding<float>> AzureOpenAI(MeaningOptions options, HttpMessageHandler? transport)
    {
        var clientOptions = new OpenAIClientOptions { Endpoint = new Uri(new Uri(options.Endpoint!.TrimEnd('/') + "/"), "openai/v1/") };
        if (transport is not null)
        {
            clientOptions.Transport = new HttpClientPipelineTransport(new HttpClient(transport, disposeHandler: false));
        }
#pragma warning disable OPENAI001 // Signing in with a token policy is how the OpenAI client reaches Azure with Entra ID; the SDK still marks it preview.
        var client = string.IsNullOrWhiteSpace(options.ApiKey)
            ? new OpenAIClient(new BearerTokenPolicy(new DefaultAzureCredential(), "https://cognitiveservices.azure.com/.default"), clientOptions)
            : new OpenAIClient(new ApiKeyCredential(options.ApiKey), clientOptions);
#pragma warning restore OPENAI001
        return client.GetEmbeddingClient(options.Deployment!).AsIEmbeddingGenerator();
    }
}
