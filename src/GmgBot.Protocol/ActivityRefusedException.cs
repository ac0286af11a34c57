namespace GmgBot.Protocol;

/// <summary>The request is authentic enough but not for this bot: another channel than Teams, or a service URL it may not call (HTTP 403).</summary>
public sealed class ActivityRefusedException(string reason) : Exception(reason);
