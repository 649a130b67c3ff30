using System.Text;
using System.Text.Json.Nodes;
using Switchyard.Admin;
using Switchyard.Foundation;

namespace Switchyard.Hosting.Setup;

/// <summary>The <c>switchyard.json</c> that <c>init</c> writes, and the check that it would start.</summary>
internal static class InitFile
{
    /// <summary>The existing file (if any) with the OAuth client, server and API keys set.</summary>
    public static JsonObject Build(string? existing, string clientId, string clientSecret, int port, string? host, IReadOnlyList<string> apiKeys)
    {
        var root = existing is null ? new JsonObject() : JsonNode.Parse(existing) as JsonObject ?? new JsonObject();
        var oauth = Section(root, "OAuth");
        oauth["ClientId"] = clientId;
        oauth["ClientSecret"] = clientSecret;
        var server = Section(root, "Server");
        server["Port"] = port;
        if (host is not null)
        {
            server["Host"] = host;
        }

        if (apiKeys.Count > 0)
        {
            var keys = new JsonArray();
            for (var i = 0; i < apiKeys.Count; i++)
            {
                keys.Add((JsonNode)new JsonObject { ["Name"] = $"key-{i + 1}", ["Key"] = apiKeys[i] });
            }

            Section(root, "Auth")["ApiKeys"] = keys;
        }

        return root;
    }

    /// <summary>The configuration <c>serve</c> would read with this file in place (defaults, the file, environment, <c>--set</c>).</summary>
    public static IConfiguration Effective(JsonObject file, IReadOnlyDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection(GatewayConfiguration.Defaults);
        configuration.AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(file.ToJsonString())));
        configuration.AddEnvironmentVariables(GatewayConfiguration.EnvironmentPrefix);
        configuration.AddInMemoryCollection(settings);
        return configuration;
    }

    /// <summary>Every problem <c>serve</c> would report at start with this file, plus the exposure rule.</summary>
    public static List<string> Check(string dataDir, JsonObject file, IReadOnlyDictionary<string, string?> settings, bool adminPassword)
    {
        var configuration = Effective(file, settings);
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.None));
        services.AddGatewayCore(dataDir);
        using var provider = services.BuildServiceProvider();
        var problems = StartupCheck.Run(provider, configuration);
        if (problems.Count == 0 && ExposureCheck.Problem(configuration, adminPassword || new AdminPasswordStore(new GatewayPaths(dataDir)).IsSet) is { } exposure)
        {
            problems.Add(exposure);
        }

        return problems;
    }

    private static JsonObject Section(JsonObject root, string name)
    {
        if (root[name] is JsonObject existing)
        {
            return existing;
        }

        var created = new JsonObject();
        root[name] = created;
        return created;
    }
}
