using System.Numerics.Tensors;
using Microsoft.Extensions.AI;

namespace GmgBot.Core.Search;

/// <summary>
/// The meaning of every search document, as one vector each from an embedding model: computed when the index is built,
/// stored with it, and compared with a question's vector in memory (a few hundred dot products, well under a millisecond).
/// Valid for one corpus (<see cref="ContentHash"/>) and one model (<see cref="ModelId"/>).
/// </summary>
public sealed class DocumentVectors
{
    private const int FormatVersion = 1;
    private readonly Dictionary<string, int> _rows;
    private readonly float[][] _vectors;

    private DocumentVectors(string modelId, string contentHash, IReadOnlyList<string> ids, float[][] vectors)
    {
        ModelId = modelId;
        ContentHash = contentHash;
        Ids = ids;
        _vectors = vectors;
        _rows = ids.Select((id, row) => (id, row)).ToDictionary(x => x.id, x => x.row);
    }

    public string ModelId { get; }
    public string ContentHash { get; }
    public IReadOnlyList<string> Ids { get; }
    public int Dimensions => _vectors.Length == 0 ? 0 : _vectors[0].Length;

    /// <summary>The text a document is embedded as: what it is called and what it says.</summary>
    public static string TextOf(SearchDocument document) =>
        document.Names.Count == 0 ? $"{document.Title}. {document.Body}" : $"{document.Title} ({string.Join("; ", document.Names)}). {document.Body}";

    public static async Task<DocumentVectors> ComputeAsync(
        SearchCorpus corpus, IEmbeddingGenerator<string, Embedding<float>> generator, CancellationToken cancellationToken)
    {
        var vectors = await generator.EmbedDocumentsAsync([.. corpus.Documents.Select(TextOf)], cancellationToken);
        return new(ModelIdOf(generator), corpus.ContentHash, [.. corpus.Documents.Select(d => d.Id)], vectors);
    }

    public static string ModelIdOf(IEmbeddingGenerator<string, Embedding<float>> generator) =>
        generator.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId ?? generator.GetType().Name;

    /// <summary>A document's vector, for an index that stores vectors itself (Azure AI Search); null for an unknown id.</summary>
    public ReadOnlyMemory<float>? VectorOf(string documentId) => _rows.TryGetValue(documentId, out var row) ? _vectors[row] : null;

    /// <summary>Cosine similarity of a question's vector with a document's (vectors are normalised); null for an unknown id.</summary>
    public float? Similarity(ReadOnlySpan<float> query, string documentId) =>
        _rows.TryGetValue(documentId, out var row) ? TensorPrimitives.Dot(query, _vectors[row]) : null;

    /// <summary>The documents most like the question, best first, optionally only those <paramref name="include"/> accepts.</summary>
    public IReadOnlyList<(string Id, float Similarity)> Nearest(ReadOnlySpan<float> query, int top, Func<string, bool>? include = null)
    {
        var scored = new List<(string, float)>(_vectors.Length);
        for (var row = 0; row < _vectors.Length; row++)
        {
            if (include is null || include(Ids[row]))
            {
                scored.Add((Ids[row], TensorPrimitives.Dot(query, _vectors[row])));
            }
        }
        return [.. scored.OrderByDescending(x => x.Item2).Take(top)];
    }

    public bool Matches(SearchCorpus corpus, string modelId) => corpus.ContentHash == ContentHash && modelId == ModelId;

    public async Task SaveAsync(Stream stream, CancellationToken cancellationToken)
    {
        await using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        writer.Write(FormatVersion);
        writer.Write(ModelId);
        writer.Write(ContentHash);
        writer.Write(Ids.Count);
        writer.Write(Dimensions);
        for (var row = 0; row < Ids.Count; row++)
        {
            writer.Write(Ids[row]);
            writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(_vectors[row].AsSpan()));
        }
        await stream.FlushAsync(cancellationToken);
    }

    /// <summary>Reads vectors saved by <see cref="SaveAsync"/>; null when the file is of another format or damaged.</summary>
    public static DocumentVectors? Load(Stream stream)
    {
        try
        {
            using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
            if (reader.ReadInt32() != FormatVersion)
            {
                return null;
            }
            var modelId = reader.ReadString();
            var contentHash = reader.ReadString();
            var count = reader.ReadInt32();
            var dimensions = reader.ReadInt32();
            var ids = new string[count];
            var vectors = new float[count][];
            for (var row = 0; row < count; row++)
            {
                ids[row] = reader.ReadString();
                vectors[row] = new float[dimensions];
                reader.BaseStream.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(vectors[row].AsSpan()));
            }
            return new(modelId, contentHash, ids, vectors);
        }
        catch (EndOfStreamException)
        {
            return null;
        }
    }
}
