namespace GmgBot.Protocol;

/// <summary>Thrown inside an invoke handler to answer the invoke with <see cref="StatusCode"/> (and an optional body).</summary>
public sealed class InvokeResponseException(int statusCode, object? body = null) : Exception($"Invoke answered with status {statusCode}.")
{
    public int StatusCode { get; } = statusCode;
    public object? Body { get; } = body;
}
