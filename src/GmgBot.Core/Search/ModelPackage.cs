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

    private readonly string _path;

    private ModelPackage(PEReader reader, string path)
    {
        _reader = reader;
        _path = path;
        _metadata = reader.GetMetadataReader();
    }

    public static ModelPackage Open(string assemblyName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, assemblyName + ".dll");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The embedding model's package assembly is missing beside the binaries: {path}.", path);
        }
        return new(new PEReader(File.OpenRead(path)), path);
    }

    /// <summary>The bytes of the resource whose name ends with <paramref name="name"/> ("model.onnx", "vocab.txt").</summary>
    public byte[] Read(string name)
    {
        var (offset, length) = Find(name);
        using var file = File.OpenRead(_path);
        file.Position = offset;
        var bytes = new byte[length];
        file.ReadExactly(bytes);
        return bytes;
    }

    /// <summary>
    /// The resource as a file of its own, for a reader that takes a path (ONNX Runtime): a managed copy of a 90 MB model
    /// would sit beside the runtime's own while it loads. Written once, to a new name and then moved so that no reader
    /// sees half a file, and reused while its size matches.
    /// </summary>
    public string Extract(string name, string folder)
    {
        var (offset, length) = Find(name);
        var path = Path.Combine(folder, $"{Path.GetFileNameWithoutExtension(_path)}-{length}{Path.GetExtension(name)}");
        if (File.Exists(path) && new FileInfo(path).Length == length)
        {
            return path;
        }
        Directory.CreateDirectory(folder);
        var partial = $"{path}.{Guid.NewGuid():N}.partial";
        using (var source = File.OpenRead(_path))
        using (var target = File.Create(partial))
        {
            source.Position = offset;
            var buffer = new byte[1 << 20];
            for (var left = length; left > 0;)
            {
                var read = source.Read(buffer, 0, Math.Min(buffer.Length, left));
                if (read == 0)
                {
                    throw new InvalidDataException($"The model package ends inside its resource {name}.");
                }
                target.Write(buffer, 0, read);
                left -= read;
            }
        }
        File.Move(partial, path, overwrite: true);
        return path;
    }

    /// <summary>Where in the package file a resource's bytes are, and how many.</summary>
    private (long Offset, int Length) Find(string name)
    {
        foreach (var handle in _metadata.ManifestResources)
        {
            var resource = _metadata.GetManifestResource(handle);
            if (!_metadata.GetString(resource.Name).EndsWith("." + name, StringComparison.Ordinal) || !resource.Implementation.IsNil)
            {
                continue;
            }
            // An embedded resource: a 4-byte length and the bytes, at its offset in the CLI header's resources block.
            var rva = _reader.PEHeaders.CorHeader!.ResourcesDirectory.RelativeVirtualAddress + (int)resource.Offset;
            var section = _reader.PEHeaders.SectionHeaders.Single(h => rva >= h.VirtualAddress && rva < h.VirtualAddress + h.VirtualSize);
            var length = _reader.GetSectionData(rva).GetReader().ReadInt32();
            return (rva - section.VirtualAddress + section.PointerToRawData + sizeof(int), length);
        }
        throw new InvalidDataException($"The model package has no resource named {name}.");
    }

    public void Dispose() => _reader.Dispose();
}
