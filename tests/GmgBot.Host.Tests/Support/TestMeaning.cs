using GmgBot.Core.Search;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GmgBot.Host.Tests.Support;

/// <summary>
/// The real embedding model, shared by every test host of a run (each would otherwise load its own 150 MB), and the
/// documents' vectors in a folder shared by test runs. Hosts register it in place of the one AddMeaning would create.
/// </summary>
internal static class TestMeaning
{
    private static readonly Lazy<SentenceEncoder> Model = new(() => new SentenceEncoder());

    public static string VectorFolder { get; } = Path.Combine(Path.GetTempPath(), "gmgbot-test-vectors");

    public static void Share(IServiceCollection services) =>
        services.Replace(ServiceDescriptor.Singleton<IEmbeddingGenerator<string, Embedding<float>>>(_ => new Shared(Model.Value)));

    // The container disposes what it creates; the shared model outlives every host.
    private sealed class Shared(SentenceEncoder model) : DelegatingEmbeddingGenerator<string, Embedding<float>>(model)
    {
        protected override void Dispose(bool disposing)
        {
        }
    }
}
