using System.Text.Json.Nodes;
using GmgBot.Protocol.Tests.Support;
using Microsoft.AspNetCore.WebUtilities;

namespace GmgBot.Host.Tests.Support;

/// <summary>
/// A request to a JSON web service stand-in (<see cref="LocalServer"/> as Microsoft Graph or Azure AI Search), read as
/// the service reads it: the path decoded, the query and the JSON body parsed.
/// </summary>
internal sealed record JsonRequest(
    string Method, string Path, IReadOnlyDictionary<string, string> Query, IReadOnlyDictionary<string, string> Headers, JsonNode? Body, long Timestamp)
{
    public static JsonRequest From(RecordedRequest request) => new(
        request.Method,
        request.DecodedPath,
        QueryHelpers.ParseQuery(request.Query).ToDictionary(q => q.Key, q => q.Value.ToString()),
        request.Headers,
        request.Body.Length > 0 ? JsonNode.Parse(request.Body) : null,
        request.Timestamp);

    public string? Header(string name) => Headers.GetValueOrDefault(name);

    public override string ToString() => $"{Method} {Path}";
}
