namespace GmgBot.Protocol.Schema;

/// <summary>The synchronous HTTP answer to an invoke activity: a status code and a JSON body.</summary>
public sealed class InvokeResponse
{
    public InvokeResponse()
    {
    }

    public InvokeResponse(int status, object? body = null)
    {
        Status = status;
        Body = body;
    }

    public int Status { get; set; }
    public object? Body { get; set; }
}
