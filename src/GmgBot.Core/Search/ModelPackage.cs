using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace GmgBot.Core.Search;

/// <summary>
/// Reads the embedded resources of a model package's assembly (SentenceTransformers.* carry their ONNX model and
/// vocabulary inside a 90 MB DLL) from the file beside the bot's binaries, without loading the assembly: a loaded
/// assembly stays mapped, and its resource pages resident, for the life of the process.
/// </summary>
internal sealed class ModelPackage : IDisposable
{
    private readonly PEReader _reader;
    private readonly MetadataReader _metadata;

    private ModelPackage(PEReader reader)
    {
        _reader = reader;
        _metadata = reader.GetMetadataReader();
    }

    public static ModelPackage Open(string assemblyName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, assemblyName + ".dll");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The embedding model's package assembly is missing beside the binaries: {path}.", path);
        }
        return new(new PEReader(File.OpenRead(path)));
    }

    /// <summary>The bytes of the resource whose name ends with <paramref name="name"/> ("model.onnx", "vocab.txt").</summary>
    public byte[] Read(string name)
    {
        foreach (var handle in _metadata.ManifestResources)
        {
            var resource = _metadata.GetManifestResource(handle);
            if (!_metadata.GetString(resource.Name).EndsWith("." + name, StringComparison.Ordinal) || !resource.Implementation.IsNil)
            {
                continue;
            }
            // An embedded resource: a 4-byte length and the bytes, at its offset in the CLI header's resources block.
            var start = _reader.PEHeaders.CorHeader!.ResourcesDirectory.RelativeVirtualAddress + (int)resource.Offset;
            var block = _reader.GetSectionData(start);
            var reader = block.GetReader();
            var length = reader.ReadInt32();
            return reader.ReadBytes(length);
        }
        throw new InvalidDataException($"The model package has no resource named {name}.");
    }

    public void Dispose() => _reader.Dispose();
}
