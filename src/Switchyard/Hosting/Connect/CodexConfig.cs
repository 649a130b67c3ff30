namespace Switchyard.Hosting.Connect;

/// <summary>
/// Codex CLI's <c>config.toml</c> (real-clients-codex-gemini-cli §2.1): a <c>switchyard</c> model provider on the
/// Responses wire API (Codex appends <c>/responses</c> to the base URL), made the default with a gateway model, and the
/// two switches that keep Codex off every host but the gateway (<c>[analytics] enabled = false</c>,
/// <c>[features] plugins = false</c>), plus <c>unbounded_connection_retries = false</c> so a stopped gateway fails
/// instead of retrying forever. The key is the provider's <c>experimental_bearer_token</c> (sent as Bearer), so the
/// file alone configures Codex; it is written owner-only. A <c>[profiles.switchyard]</c> table selects the same with
/// <c>codex --profile switchyard</c> after another default is chosen.
/// </summary>
internal static class CodexConfig
{
    public const string Provider = "switchyard";

    /// <summary><c>$CODEX_HOME/config.toml</c>, else <c>~/.codex/config.toml</c>.</summary>
    public static string DefaultPath()
    {
        var home = System.Environment.GetEnvironmentVariable("CODEX_HOME");
        return string.IsNullOrEmpty(home)
            ? Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".codex", "config.toml")
            : Path.Combine(home, "config.toml");
    }

    /// <summary>The settings merged into <paramref name="existing"/> (empty for a new file).</summary>
    public static string Merge(string existing, ConnectTarget target, string key, string model)
    {
        ArgumentNullException.ThrowIfNull(target);
        var toml = new TomlEditor(existing);
        toml.SetTopLevel("model", TomlEditor.String(model));
        toml.SetTopLevel("model_provider", TomlEditor.String(Provider));
        toml.ReplaceTable("model_providers." + Provider,
        [
            ("name", TomlEditor.String("Switchyard")),
            ("base_url", TomlEditor.String(target.GatewayUrl + "/v1")),
            ("wire_api", TomlEditor.String("responses")),
            ("experimental_bearer_token", TomlEditor.String(key)),
        ]);
        toml.ReplaceTable("profiles." + Provider,
        [
            ("model", TomlEditor.String(model)),
            ("model_provider", TomlEditor.String(Provider)),
        ]);
        toml.SetInTable("analytics", "enabled", "false");
        toml.SetInTable("features", "plugins", "false");
        toml.SetInTable("features", "unbounded_connection_retries", "false");
        return toml.Render();
    }
}
