using Azure.Core;
using GmgBot.Core.Conversation;
using GmgBot.Host.Storage;
using GmgBot.Host.Tests.Support;
using Microsoft.Extensions.Options;
using Npgsql;

namespace GmgBot.Host.Tests.Storage;

/// <summary>
/// Signing in to PostgreSQL with a Microsoft Entra token as the password (as Azure Database for PostgreSQL wants),
/// against the local server standing in: a role whose password is the token the credential hands out.
/// </summary>
public sealed class PostgreSqlSignInTests
{
    /// <summary>A managed identity that hands out one token, and remembers what it was asked for.</summary>
    private sealed class IssuedToken(string token) : TokenCredential
    {
        public List<string> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            GetTokenAsync(requestContext, cancellationToken).AsTask().GetAwaiter().GetResult();

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Scopes.AddRange(requestContext.Scopes);
            return ValueTask.FromResult(new AccessToken(token, DateTimeOffset.UtcNow.AddHours(1)));
        }
    }

    private static PostgreSqlDatabase Database(string role, TokenCredential credential) => new(Options.Create(new StorageOptions
    {
        Provider = StorageProvider.PostgreSql,
        // No password anywhere in the settings: the identity's token is the password.
        ConnectionString = new NpgsqlConnectionStringBuilder(TestDatabase.PostgresConnectionString) { Username = role, Password = null }.ToString(),
        EntraAuthentication = true,
    }), credential);

    private static Task<string> CurrentUserAsync(BotDatabase database) =>
        database.RunAsync(async (connection, token) =>
        {
            await using var command = connection.Command("SELECT current_user;");
            return (string)(await command.ExecuteScalarAsync(token))!;
        }, CancellationToken.None);

    [SkippableFact]
    public async Task The_managed_identitys_token_is_the_password_and_a_wrong_token_is_refused()
    {
        Skip.If(TestDatabase.PostgresConnectionString is null, TestDatabase.NoPostgres);
        var role = "gmgbot_identity_" + Guid.NewGuid().ToString("N")[..8];
        var token = "eyJ0eXAiOiJKV1QifQ." + Guid.NewGuid().ToString("N");
        await TestDatabase.AdminAsync($"CREATE ROLE {role} LOGIN PASSWORD '{token}';");
        try
        {
            var identity = new IssuedToken(token);
            await using (var database = Database(role, identity))
            {
                Assert.Equal(role, await CurrentUserAsync(database));
            }
            Assert.Contains(PostgreSqlDatabase.EntraScope, identity.Scopes);

            await using var impostor = Database(role, new IssuedToken("eyJ0eXAiOiJKV1QifQ.not-the-token"));
            var refused = await Assert.ThrowsAsync<StorageUnavailableException>(() => CurrentUserAsync(impostor));
            Assert.Contains("password authentication failed", refused.Message, StringComparison.Ordinal);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await TestDatabase.AdminAsync($"DROP ROLE IF EXISTS {role};");
        }
    }
}
