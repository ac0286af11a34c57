using Microsoft.Extensions.AI;

namespace GmgBot.Core.Search;

/// <summary>
/// The documents' vectors for a corpus: read from the folder when the knowledge and the model are the ones they were
/// computed for, computed (a few seconds) and written there otherwise. Null folder: kept in memory only.
/// </summary>
public sealed class DocumentVectorCache(IEmbeddingGenerator<string, Embedding<float>> generator, string? folder)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private DocumentVectors? _last;

    public string ModelId { get; } = DocumentVectors.ModelIdOf(generator);

    public async Task<(DocumentVectors Vectors, bool Computed)> EnsureAsync(SearchCorpus corpus, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_last?.Matches(corpus, ModelId) == true)
            {
                return (_last, false);
            }
            var path = folder is null ? null : Path.Combine(folder, $"vectors-{string.Concat(ModelId.Select(c => char.IsLetterOrDigit(c) ? c : '-'))}.bin");
            if (path is not null && File.Exists(path))
            {
                await using var file = File.OpenRead(path);
                if (DocumentVectors.Load(file) is { } stored && stored.Matches(corpus, ModelId))
                {
                    return (_last = stored, false);
                }
            }
            var vectors = await DocumentVectors.ComputeAsync(corpus, generator, cancellationToken);
            if (path is not null)
            {
                Directory.CreateDirectory(folder!);
                var temporary = path + ".tmp";
                await using (var file = File.Create(temporary))
                {
                    await vectors.SaveAsync(file, cancellationToken);
                }
                File.Move(temporary, path, overwrite: true);
            }
            // Encoding hundreds of documents leaves the native allocator holding memory the bot will not need again.
            NativeMemory.ReturnFreedMemory();
            return (_last = vectors, true);
        }
        finally
        {
            _gate.Release();
        }
    }
}
