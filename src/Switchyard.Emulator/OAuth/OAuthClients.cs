namespace Switchyard.Emulator.OAuth;

/// <summary>The OAuth clients the emulator accepts: the configured ones, or the built-in test client.</summary>
internal static class OAuthClients
{
    public static IReadOnlyList<OAuthClientConfig> Accepted(EmulatorConfig config) =>
        config.OauthClients.Count > 0
            ? config.OauthClients
            : [new OAuthClientConfig { ClientId = EmulatorOptions.DefaultClientId, ClientSecret = EmulatorOptions.DefaultClientSecret }];

    public static OAuthClientConfig? Find(EmulatorConfig config, string? clientId) =>
        clientId is null ? null : Accepted(config).FirstOrDefault(c => string.Equals(c.ClientId, clientId, StringComparison.Ordinal));

    /// <summary>Constant-time secret comparison, so a timing probe learns nothing.</summary>
    public static bool SecretMatches(OAuthClientConfig client, string secret) =>
        System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(client.ClientSecret), System.Text.Encoding.UTF8.GetBytes(secret));
}
