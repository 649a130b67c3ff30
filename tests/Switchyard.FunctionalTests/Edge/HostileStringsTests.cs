using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.FunctionalTests.RequestLog;
using Switchyard.RequestLog;

namespace Switchyard.FunctionalTests.Edge;

/// <summary>What a client sends cannot grow the data directory without bound, and the gateway's own keys never land in it.</summary>
public sealed class HostileStringsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task HugeModelNames_AreStoredCutInTheLogAndTheHourlyUsage()
    {
        await using var h = await RequestLogHarness.StartAsync(s => s["Models:AllowUnknownModels"] = "false");
        var model = new string('m', 2 * 1024 * 1024);
        for (var i = 0; i < 5; i++)
        {
            using var response = await h.PostAsync("v1/messages", $$"""{"model":"{{model}}","max_tokens":8,"messages":[{"role":"user","content":"hi"}]}""");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        await h.FlushAsync(5);
        var db = h.App.Services.GetRequiredService<RequestLogDb>();
        await using var connection = await db.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT max(length(requested_model)), max(length(error)), (SELECT max(length(model)) FROM usage_hourly) FROM requests";
        await using var reader = await command.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct));
        Assert.InRange(reader.GetInt64(0), 1, 200);
        Assert.InRange(reader.GetInt64(1), 1, 2000);
        Assert.InRange(reader.GetInt64(2), 1, 200);
        SqliteConnection.ClearAllPools();
        Assert.True(new FileInfo(db.DatabasePath).Length < 4 * 1024 * 1024);
    }

    [Fact]
    public async Task CapturedBodies_NeverHoldTheConfiguredClientKey()
    {
        await using var h = await RequestLogHarness.StartAsync(s => s["RequestLog:CaptureBodies"] = "true");
        var body = $$"""{"model":"claude-sonnet-4-5","max_tokens":8,"messages":[{"role":"user","content":"my gateway key is {{RequestLogHarness.ClientKey}}"}]}""";

        using var response = await h.PostAsync("v1/messages", body);
        await h.FlushAsync(1);
        var page = await h.GetJsonAsync("admin/api/requests");
        var id = (string)page["items"]![0]!["id"]!;
        var detail = await h.GetJsonAsync($"admin/api/requests/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = (string?)detail["requestBody"];
        Assert.NotNull(stored);
        Assert.Contains("my gateway key is", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(RequestLogHarness.ClientKey, stored, StringComparison.Ordinal);
    }
}
