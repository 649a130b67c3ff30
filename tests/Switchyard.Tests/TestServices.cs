using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.Configuration;
using Switchyard.Hosting;

namespace Switchyard.Tests;

/// <summary>The gateway's core services over a temp data directory, a fake clock and a fake HTTP handler.</summary>
internal sealed class TestServices : IAsyncDisposable
{
    public const string TokenUrl = "https://oauth.test/token";
    public const string UserInfoUrl = "https://oauth.test/userinfo";
    public const string CloudCodeBase = "https://cloudcode.test";

    private readonly bool _ownsDir;

    private TestServices(TempDir dir, bool ownsDir, FakeTimeProvider time, FakeHttpMessageHandler http, ServiceProvider provider)
    {
        Dir = dir;
        _ownsDir = ownsDir;
        Time = time;
        Http = http;
        Provider = provider;
    }

    public TempDir Dir { get; }
    public FakeTimeProvider Time { get; }
    public FakeHttpMessageHandler Http { get; }
    public ServiceProvider Provider { get; }

    public T Get<T>()
        where T : notnull => Provider.GetRequiredService<T>();

    /// <summary>Services over a new temp directory, or over <paramref name="shared"/> (not deleted: its owner does that).</summary>
    public static TestServices Create(Dictionary<string, string?>? settings = null, TempDir? shared = null, Action<IServiceCollection>? configure = null)
    {
        var dir = shared ?? new TempDir();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 7, 1, 12, 0, 0, TimeSpan.Zero));
        var http = new FakeHttpMessageHandler();
        var all = new Dictionary<string, string?>
        {
            ["OAuth:ClientId"] = "test-client",
            ["OAuth:ClientSecret"] = "test-secret",
            ["OAuth:TokenUrl"] = TokenUrl,
            ["OAuth:UserInfoUrl"] = UserInfoUrl,
            ["Upstream:Hosts:0:Label"] = "prod",
            ["Upstream:Hosts:0:BaseUrl"] = CloudCodeBase,
            ["Accounts:OnboardPollDelaySeconds"] = "0",
        };
        foreach (var (k, v) in settings ?? [])
        {
            all[k] = v;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(all).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSingleton<TimeProvider>(time);
        services.AddGatewayCore(dir.Path);
        services.RemoveAll<IHttpClientFactory>();
        services.AddSingleton<IHttpClientFactory>(new FakeHttpClientFactory(http));
        configure?.Invoke(services);
        return new TestServices(dir, shared is null, time, http, services.BuildServiceProvider());
    }

    public async ValueTask DisposeAsync()
    {
        await Provider.DisposeAsync();
        if (_ownsDir)
        {
            Dir.Dispose();
        }
    }
}
