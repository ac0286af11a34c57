using System.Runtime.InteropServices;

namespace GmgBot.Core.Search;

/// <summary>
/// Gives memory freed by native code (ONNX Runtime's buffers) back to the operating system. glibc keeps freed blocks in
/// its arenas for reuse; after a one-off batch (embedding every document) that is a hundred megabytes or more that
/// the process no longer needs. Managed memory is compacted too, so the model's bytes copied at load are released.
/// </summary>
public static class NativeMemory
{
    public static void ReturnFreedMemory()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        if (OperatingSystem.IsLinux())
        {
            try
            {
                MallocTrim(0);
            }
            catch (EntryPointNotFoundException)
            {
                // Not glibc (musl, say): nothing to trim.
            }
            catch (DllNotFoundException)
            {
            }
        }
    }

    /// <summary>
    /// Keeps native allocations in a couple of glibc arenas instead of one per thread: ONNX Runtime allocates on whichever
    /// thread-pool thread runs a question, and each new arena keeps its own freed memory.
    /// </summary>
    public static void LimitArenas()
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                Mallopt(ArenaMax, 2);
            }
            catch (EntryPointNotFoundException)
            {
            }
            catch (DllNotFoundException)
            {
            }
        }
    }

    private const int ArenaMax = -8; // M_ARENA_MAX in glibc's malloc.h

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int Mallopt(int parameter, int value);

    // DllImport rather than LibraryImport: the source-generated form needs the project to allow unsafe code.
    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);
}
