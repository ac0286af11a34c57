using System.Collections.Concurrent;

namespace GmgBot.Protocol;

/// <summary>
/// Lets one log line per cause through per interval and counts the others, so that whoever can provoke a refusal at
/// will cannot flood the log. Causes come from a fixed set (never from the request), so the map stays small.
/// </summary>
public sealed class LogLimiter(TimeProvider time, TimeSpan interval)
{
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);

    /// <summary>True when a line for <paramref name="cause"/> may be written now; <paramref name="suppressed"/> counts those held back since the last one.</summary>
    public bool TryEnter(string cause, out int suppressed)
    {
        var window = _windows.GetOrAdd(cause, _ => new Window());
        lock (window)
        {
            var now = time.GetTimestamp();
            if (window.LastLogged is { } last && time.GetElapsedTime(last, now) < interval)
            {
                window.Suppressed++;
                suppressed = 0;
                return false;
            }

            suppressed = window.Suppressed;
            window.Suppressed = 0;
            window.LastLogged = now;
            return true;
        }
    }

    private sealed class Window
    {
        public long? LastLogged;
        public int Suppressed;
    }
}
