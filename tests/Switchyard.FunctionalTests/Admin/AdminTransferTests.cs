using System.Net;
using System.Text.Json.Nodes;
using Switchyard.Accounts;
using Switchyard.FunctionalTests.Accounts;

namespace Switchyard.FunctionalTests.Admin;

/// <summary>Export and import over the admin API (the dashboard's buttons), and the latency series route.</summary>
public sealed class AdminTransferTests
{
    private const string Passphrase = "a long passphrase";

    [Fact]
    public async Task Export_ThenRemoveThenImport_RestoresTheAccountFromTheEncryptedFile()
    {
        await using var h = await AdminHarness.StartAsync();

        using var export = await h.PostAsync("admin/api/accounts/export", $$"""{"passphrase":"{{Passphrase}}"}""");
        var file = await export.Content.ReadAsStringAsync(AdminHarness.Ct);
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Contains("attachment", export.Content.Headers.ContentDisposition?.ToString() ?? "", StringComparison.Ordinal);
        Assert.Equal(ExportEnvelope.EncryptedFormat, JsonNode.Parse(file)!["format"]!.GetValue<string>());
        Assert.DoesNotContain(AccountsHarness.AdaRefresh, file, StringComparison.Ordinal);

        using var removed = await h.DeleteAsync($"admin/api/accounts/{h.AdaId}");
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        using var wrong = await h.PostAsync("admin/api/accounts/import", new JsonObject { ["text"] = file, ["passphrase"] = "not it at all" }.ToJsonString());
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Empty(await h.Get<AccountStore>().ListAsync(AdminHarness.Ct));

        using var imported = await h.PostAsync("admin/api/accounts/import", new JsonObject { ["text"] = file, ["passphrase"] = Passphrase }.ToJsonString());
        var view = await AdminHarness.JsonAsync(imported);

        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal(1, view["added"]!.GetValue<int>());
        Assert.Equal(AccountsHarness.Ada, view["emails"]![0]!.GetValue<string>());
        var accounts = await h.GetJsonAsync("admin/api/accounts");
        Assert.Equal(AccountsHarness.Ada, accounts[0]!["email"]!.GetValue<string>());
    }

    [Fact]
    public async Task Export_ShortOrMissingPassphrase_Answers400WithoutTheFile()
    {
        await using var h = await AdminHarness.StartAsync();

        using var shortOne = await h.PostAsync("admin/api/accounts/export", """{"passphrase":"short"}""");
        using var none = await h.PostAsync("admin/api/accounts/export", "{}");
        var body = await shortOne.Content.ReadAsStringAsync(AdminHarness.Ct);

        Assert.Equal(HttpStatusCode.BadRequest, shortOne.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Contains("passphrase", body, StringComparison.Ordinal);
        Assert.DoesNotContain(AccountsHarness.AdaRefresh, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_NotAnAccountFile_Answers400AndStoresNothing()
    {
        await using var h = await AdminHarness.StartAsync();

        using var response = await h.PostAsync("admin/api/accounts/import", """{"text":"{\"hello\":1}"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Single(await h.Get<AccountStore>().ListAsync(AdminHarness.Ct));
    }

    [Fact]
    public async Task Latency_BadBucketOrUnknownParameter_Answers400()
    {
        await using var h = await AdminHarness.StartAsync();

        using var bucket = await h.GetAsync("admin/api/stats/latency?bucket=5");
        using var unknown = await h.GetAsync("admin/api/stats/latency?by=model");
        var empty = await h.GetJsonAsync("admin/api/stats/latency?bucket=300");

        Assert.Equal(HttpStatusCode.BadRequest, bucket.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(300, empty["bucketSeconds"]!.GetValue<int>());
        Assert.Empty(empty["points"]!.AsArray());
    }
}
