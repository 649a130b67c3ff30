using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Emulator;
using Switchyard.FunctionalTests.Accounts;
using Switchyard.RequestLog;

namespace Switchyard.FunctionalTests.RequestLog;

public sealed class LogVolumeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TenThousandRequests_ProduceTenThousandRows_RetentionTrims_AndNoSecretIsStoredInPlaintext()
    {
        const int total = 10_000;
        const int workers = 16;
        await using var h = await RequestLogHarness.StartAsync(s => s["RequestLog:MaxRows"] = "0", quiet: true);
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = workers };
        using var client = new HttpClient(handler) { BaseAddress = h.Client.BaseAddress };
        var next = 0;
        var failures = 0;

        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) <= total)
            {
                using var response = await h.PostAsync("v1/messages", RequestLogHarness.Anthropic, client);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }, Ct)));
        await h.FlushAsync(total);

        Assert.Equal(0, failures);
        var store = h.App.Services.GetRequiredService<RequestLogStore>();
        Assert.Equal(total, await store.CountAsync(Ct));
        Assert.Equal((long)total, h.Writer.Written);
        Assert.Equal(0, h.Writer.Dropped);

        // Retention by size keeps the newest rows; by age removes them all a month on; the statistics stay.
        Assert.Equal(total - 2_500, await store.ApplyRetentionAsync(null, null, maxRows: 2_500, Ct));
        Assert.Equal(2_500, await store.CountAsync(Ct));
        var retention = h.App.Services.GetRequiredService<RequestLogRetention>();
        h.Accounts.Time.Advance(TimeSpan.FromDays(31));
        await retention.LastRun;
        Assert.Equal(0, await store.CountAsync(Ct));
        var now = h.Accounts.Time.GetUtcNow();
        var stats = await store.StatsAsync(now.AddDays(-32), now, byAccount: false, Ct);
        Assert.Equal(total, stats.Series.Sum(s => s.Points.Sum(p => p.Requests)));

        await h.StopAsync();
        string[] secrets = [RequestLogHarness.ClientKey, AccountsHarness.AdaRefresh, "ya29.", "1//0", EmulatorOptions.DefaultClientSecret];
        foreach (var file in Directory.GetFiles(h.Accounts.DataDir, "*", SearchOption.AllDirectories))
        {
            var bytes = await File.ReadAllBytesAsync(file, Ct);
            foreach (var secret in secrets)
            {
                Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) < 0, $"{Path.GetFileName(file)} holds '{secret}' in plaintext");
            }
        }
    }
}
