using System.Text.Json.Nodes;
using Switchyard.Models;

namespace Switchyard.Hosting.Connect;

/// <summary>
/// What each client needs to reach the gateway (real-clients.md): environment variables, Claude Code's
/// <c>settings.json</c> env block, and one opencode provider per protocol. The key is passed in, so callers
/// decide whether the real key or a stand-in is shown.
/// </summary>
internal static class ConnectProfiles
{
    /// <summary>opencode provider names, one per front door.</summary>
    public const string AnthropicProvider = "switchyard-anthropic";
    public const string OpenAIProvider = "switchyard-openai";
    public const string GoogleProvider = "switchyard-google";

    /// <summary>The one switch that keeps Claude Code off every host but the gateway (telemetry, error reports, updates, probes).</summary>
    public const string ClaudeOfflineVariable = "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC";

    private const int FallbackContext = 128_000;
    private const int FallbackOutput = 8_192;

    /// <summary>Claude Code's variables: the origin (the CLI adds <c>/v1/messages</c>) and a token sent as Bearer.</summary>
    public static List<KeyValuePair<string, string>> ClaudeCode(ConnectTarget target, string key) =>
    [
        new("ANTHROPIC_BASE_URL", target.GatewayUrl),
        new("ANTHROPIC_AUTH_TOKEN", key),
        new(ClaudeOfflineVariable, "1"),
    ];

    /// <summary>Every SDK's and CLI's variables: Anthropic (Claude Code and the SDKs), OpenAI, Gemini.</summary>
    public static List<KeyValuePair<string, string>> Environment(ConnectTarget target, string key) =>
    [
        .. ClaudeCode(target, key),
        new("OPENAI_BASE_URL", target.GatewayUrl + "/v1"),
        new("OPENAI_API_KEY", key),
        new("GOOGLE_GEMINI_BASE_URL", target.GatewayUrl),
        new("GEMINI_API_KEY", key),
    ];

    /// <summary>
    /// The <c>provider</c> entries of opencode.json: <c>@ai-sdk/anthropic</c> with the Claude models,
    /// <c>@ai-sdk/openai-compatible</c> (chat completions, not the Responses API) with every model, and
    /// <c>@ai-sdk/google</c> with the Gemini and Claude models (the Gemini door serves Claude too), each listing the
    /// gateway's models with their limits.
    /// </summary>
    public static JsonObject OpencodeProviders(ConnectTarget target, string key, IReadOnlyList<ModelCatalogEntry> models) => new()
    {
        [AnthropicProvider] = Provider("@ai-sdk/anthropic", "Switchyard (Anthropic)", target.GatewayUrl + "/v1", key,
            models.Where(m => m.Family == ModelFamily.Claude)),
        [OpenAIProvider] = Provider("@ai-sdk/openai-compatible", "Switchyard (OpenAI-compatible)", target.GatewayUrl + "/v1", key, models),
        [GoogleProvider] = Provider("@ai-sdk/google", "Switchyard (Google)", target.GatewayUrl + "/v1beta", key,
            models.Where(m => m.Family is ModelFamily.Gemini or ModelFamily.Claude)),
    };

    /// <summary>
    /// Model names Gemini CLI 0.61 resolves itself (its own aliases and catalogue: it sends <c>gemini-3-flash</c> as
    /// <c>gemini-3.8-flash</c>), so a Gemini CLI default avoids them.
    /// </summary>
    private static readonly HashSet<string> s_geminiCliNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "gemini-3-flash", "gemini-2.5-pro", "gemini-2.5-flash", "gemini-2.5-flash-lite",
    };

    /// <summary>
    /// The model a client is set to when <c>--model</c> names none: for Codex the first Claude thinking model (a coding
    /// agent); for Gemini CLI <c>gemini-3.1-pro-low</c> when listed, else the first Gemini 3 model the CLI passes on
    /// unchanged; else the first text model listed.
    /// </summary>
    public static string DefaultModel(string client, IReadOnlyList<ModelCatalogEntry> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        var text = models.Where(m => !m.UpstreamModel.Contains("image", StringComparison.OrdinalIgnoreCase) && m.Id == m.UpstreamModel).ToList();
        var pick = client == "codex"
            ? text.FirstOrDefault(m => m.Family == ModelFamily.Claude && m.Thinking)
            : text.FirstOrDefault(m => m.Id == "gemini-3.1-pro-low")
              ?? text.FirstOrDefault(m => m.Family == ModelFamily.Gemini && m.Id.StartsWith("gemini-3", StringComparison.Ordinal)
                  && !s_geminiCliNames.Contains(m.Id) && !m.Id.Contains("preview", StringComparison.Ordinal))
              ?? text.FirstOrDefault(m => m.Family == ModelFamily.Gemini);
        return (pick ?? text.FirstOrDefault() ?? models[0]).Id;
    }

    private static JsonObject Provider(string npm, string name, string baseUrl, string key, IEnumerable<ModelCatalogEntry> models)
    {
        var list = new JsonObject();
        foreach (var m in models)
        {
            list[m.Id] = new JsonObject
            {
                ["name"] = m.DisplayName,
                ["tool_call"] = true,
                ["reasoning"] = m.Thinking,
                ["limit"] = new JsonObject
                {
                    ["context"] = m.ContextWindow > 0 ? m.ContextWindow : FallbackContext,
                    ["output"] = m.MaxOutputTokens > 0 ? m.MaxOutputTokens : FallbackOutput,
                },
            };
        }

        return new JsonObject
        {
            ["npm"] = npm,
            ["name"] = name,
            ["options"] = new JsonObject { ["baseURL"] = baseUrl, ["apiKey"] = key },
            ["models"] = list,
        };
    }
}
