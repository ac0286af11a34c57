namespace GmgBot.Protocol.Authentication;

public static class AuthenticationConstants
{
    /// <summary>The claim the Bot Connector puts the activity's service URL in.</summary>
    public const string ServiceUrlClaim = "serviceurl";

    /// <summary>The JWKS key property listing the channels a key may sign for.</summary>
    public const string EndorsementsProperty = "endorsements";

    public static IReadOnlyList<string> AllowedSigningAlgorithms { get; } = ["RS256", "RS384", "RS512"];

    /// <summary>The authentication type of the identity a turn runs under when authentication is off.</summary>
    public const string AnonymousAuthType = "anonymous";
}
