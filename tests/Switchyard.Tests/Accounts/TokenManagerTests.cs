using System.Net;
using Switchyard.Accounts;
using Switchyard.Upstream;

namespace Switchyard.Tests.Accounts;

public sealed class TokenManagerTests
{
    private static async Task<(TestServices Services, string Id)> CreateSutAsync(TimeSpan accessLifetime, Dictionary<string, string?>? settings = null)
    {
        var services = TestServices.Create(settings);
        var saved = await services.Get<AccountStore>().UpsertAsync(
            [new NewAccount
            {
                Email = "ada@example.com",
                RefreshToken = "1//ada-refresh",
                AccessToken = "ya29.old",
                AccessExpiresAt = services.Time.GetUtcNow() + accessLifetime,
            }], TestContext.Current.CancellationToken);
        await services.Get<AccountRegistry>().ReloadAsync(TestContext.Current.CancellationToken);
        return (services, saved[0].Account.Id);
    }

    private static int RefreshCalls(TestServices services) =>
        services.Http.To(TestServices.TokenUrl).Count(r => r.Body.Contains("grant_type=refresh_token", StringComparison.Ordinal));

    private static void AnswerRefresh(TestServices services, Func<int, Task<HttpResponseMessage>> reply)
    {
        var n = 0;
        services.Http.Callback = r => r.Url == TestServices.TokenUrl ? reply(Interlocked.Increment(ref n)) : Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound));
    }

    private static HttpResponseMessage Fresh(int n) => FakeHttpMessageHandler.Json($$"""{"access_token": "ya29.new-{{n}}", "expires_in": 3599, "token_type": "Bearer"}""");

    [Fact]
    public async Task GetAccessTokenAsync_StoredTokenOutsideMargin_UsesItWithoutRefreshing()
    {
        var (services, id) = await CreateSutAsync(TimeSpan.FromHours(1));
        await using var _ = services;

        var result = await services.Get<TokenManager>().GetAccessTokenAsync(id, TestContext.Current.CancellationToken);

        Assert.Equal("ya29.old", result.Token!.Value);
        Assert.Equal(0, RefreshCalls(services));
    }

    [Fact]
    public async Task GetAccessTokenAsync_FiftyConcurrentCallersWithExpiredToken_RefreshOnce()
    {
        var (services, id) = await CreateSutAsync(TimeSpan.FromMinutes(2));
        await using var _ = services;
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        AnswerRefresh(services, async n =>
        {
            await gate.Task;
            return Fresh(n);
        });
        var tokens = services.Get<TokenManager>();

        var calls = Enumerable.Range(0, 50).Select(_ => Task.Run(() => tokens.GetAccessTokenAsync(id, TestContext.Current.CancellationToken))).ToList();
        gate.SetResult();
        var results = await Task.WhenAll(calls);

        Assert.Equal(1, RefreshCalls(services));
        Assert.All(results, r => Assert.Equal("ya29.new-1", r.Token!.Value));
    }

    [Fact]
    public async Task GetAccessTokenAsync_WithinConfiguredMargin_Refreshes_AndStoresTheNewToken()
    {
        var (services, id) = await CreateSutAsync(TimeSpan.FromMinutes(20), new() { ["Accounts:RefreshMarginSeconds"] = "600" });
        await using var _ = services;
        AnswerRefresh(services, n => Task.FromResult(Fresh(n)));
        var tokens = services.Get<TokenManager>();

        var before = await tokens.GetAccessTokenAsync(id, TestContext.Current.CancellationToken);
        services.Time.Advance(TimeSpan.FromMinutes(11));
        var after = await tokens.GetAccessTokenAsync(id, TestContext.Current.CancellationToken);

        Assert.Equal("ya29.old", before.Token!.Value);
        Assert.Equal("ya29.new-1", after.Token!.Value);
        Assert.Equal("ya29.new-1", (await services.Get<AccountStore>().GetSecretsAsync(id, TestContext.Current.CancellationToken))!.AccessToken);
    }

    [Fact]
    public async Task GetAccessTokenAsync_InvalidGrant_DisablesAccountWithReason_AndStopsCalling()
    {
        var (services, id) = await CreateSutAsync(TimeSpan.Zero);
        await using var _ = services;
        AnswerRefresh(services, _ => Task.FromResult(FakeHttpMessageHandler.Json("""{"error": "invalid_grant", "error_description": "Token has been expired or revoked."}""", HttpStatusCode.BadRequest)));
        var tokens = services.Get<TokenManager>();

        var first = await tokens.GetAccessTokenAsync(id, TestContext.Current.CancellationToken);
        var second = await tokens.GetAccessTokenAsync(id, TestContext.Current.CancellationToken);

        var account = (await services.Get<AccountStore>().FindAsync(id, TestContext.Current.CancellationToken))!;
        Assert.Equal(TokenFailureKind.InvalidGrant, first.Failure);
        Assert.Equal(TokenFailureKind.Disabled, second.Failure);
        Assert.False(account.Enabled);
        Assert.Contains("invalid_grant", account.DisabledReason, StringComparison.Ordinal);
        Assert.Contains("Token has been expired or revoked.", account.DisabledReason, StringComparison.Ordinal);
        Assert.Equal(1, RefreshCalls(services));
        Assert.DoesNotContain("1//ada-refresh", account.DisabledReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAccessTokenAsync_TransientFailure_BacksOff_ThenRetriesAfterTheDelay()
    {
        var (services, id) = await CreateSutAsync(TimeSpan.Zero, new() { ["Accounts:RefreshBackoffSeconds"] = "10" });
        await using var _ = services;
        AnswerRefresh(services, n => Task.FromResult(n == 1 ? new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new StringContent("{}") } : Fresh(n)));
        var tokens = services.Get<TokenManager>();

        var failed = await tokens.GetAccessTokenAsync(id, TestContext.Current.CancellationToken);
        var duringBackoff = await tokens.GetAccessTokenAsync(id, TestContext.Current.CancellationToken);
        var cooling = (await services.Get<AccountStore>().FindAsync(id, TestContext.Current.CancellationToken))!;
        services.Time.Advance(TimeSpan.FromSeconds(11));
        var recovered = await tokens.GetAccessTokenAsync(id, TestContext.Current.CancellationToken);

        Assert.Equal(TokenFailureKind.Transient, failed.Failure);
        Assert.Equal(TokenFailureKind.Transient, duringBackoff.Failure);
        Assert.NotNull(cooling.CooldownUntil);
        Assert.True(cooling.Enabled);
        Assert.Equal("ya29.new-2", recovered.Token!.Value);
        Assert.Equal(2, RefreshCalls(services));
    }

    [Fact]
    public async Task ExecuteAsync_Unauthorized_RefreshesOnceAndRetriesWithTheNewToken()
    {
        var (services, id) = await CreateSutAsync(TimeSpan.FromHours(1));
        await using var _ = services;
        AnswerRefresh(services, n => Task.FromResult(Fresh(n)));
        var used = new List<string>();

        var result = await services.Get<TokenManager>().ExecuteAsync(id, (token, _) =>
        {
            used.Add(token);
            return Task.FromResult(token == "ya29.old" ? UpstreamResult<string>.Fail(401, "expired") : UpstreamResult<string>.Ok("ok"));
        }, TestContext.Current.CancellationToken);

        Assert.Equal("ok", result.Value);
        Assert.Equal(["ya29.old", "ya29.new-1"], used);
        Assert.Equal(1, RefreshCalls(services));
    }

    [Fact]
    public async Task ExecuteAsync_UnauthorizedTwice_GivesUpAfterOneRetry()
    {
        var (services, id) = await CreateSutAsync(TimeSpan.FromHours(1));
        await using var _ = services;
        AnswerRefresh(services, n => Task.FromResult(Fresh(n)));
        var calls = 0;

        var result = await services.Get<TokenManager>().ExecuteAsync(id, (_, _) =>
        {
            calls++;
            return Task.FromResult(UpstreamResult<string>.Fail(401, "no"));
        }, TestContext.Current.CancellationToken);

        Assert.True(result.IsUnauthorized);
        Assert.Equal(2, calls);
        Assert.Equal(1, RefreshCalls(services));
    }

    [Fact]
    public async Task GetAccessTokenAsync_NoClientConfigured_FailsNamingTheSettings()
    {
        var (services, id) = await CreateSutAsync(TimeSpan.Zero, new() { ["OAuth:ClientSecret"] = "" });
        await using var _ = services;

        var result = await services.Get<TokenManager>().GetAccessTokenAsync(id, TestContext.Current.CancellationToken);

        Assert.Equal(TokenFailureKind.NotConfigured, result.Failure);
        Assert.Contains("OAuth:ClientSecret", result.Error, StringComparison.Ordinal);
        Assert.Contains("SWITCHYARD__OAuth__ClientSecret", result.Error, StringComparison.Ordinal);
        Assert.Empty(services.Http.Requests);
    }

    [Fact]
    public async Task TokenRefresher_PassAsync_RefreshesTokensThatExpireBeforeTheNextPass()
    {
        var (services, id) = await CreateSutAsync(TimeSpan.FromMinutes(7), new() { ["Accounts:BackgroundRefreshIntervalSeconds"] = "180" });
        await using var _ = services;
        AnswerRefresh(services, n => Task.FromResult(Fresh(n)));

        await services.Get<TokenRefresher>().PassAsync();

        Assert.Equal(1, RefreshCalls(services));
        Assert.Equal("ya29.new-1", (await services.Get<TokenManager>().GetAccessTokenAsync(id, TestContext.Current.CancellationToken)).Token!.Value);
    }

    [Fact]
    public async Task GetAccessTokenAsync_AccountRemovedFromThePool_FailsEvenWithACachedToken()
    {
        var (services, id) = await CreateSutAsync(TimeSpan.FromHours(1));
        await using var _ = services;
        var tokens = services.Get<TokenManager>();
        var before = await tokens.GetAccessTokenAsync(id, TestContext.Current.CancellationToken);
        await services.Get<AccountStore>().RemoveAsync(id, TestContext.Current.CancellationToken);
        await services.Get<AccountRegistry>().ReloadAsync(TestContext.Current.CancellationToken);

        var after = await tokens.GetAccessTokenAsync(id, TestContext.Current.CancellationToken);

        Assert.NotNull(before.Token);
        Assert.Equal(TokenFailureKind.NotFound, after.Failure);
    }

    [Fact]
    public async Task GetAccessTokenAsync_KeyFileReplaced_FailsAsAValueWithoutCallingGoogle()
    {
        using var dir = new TempDir();
        string id;
        await using (var first = TestServices.Create(shared: dir))
        {
            id = (await first.Get<AccountStore>().UpsertAsync([new NewAccount { Email = "ada@example.com", RefreshToken = "1//r" }], TestContext.Current.CancellationToken))[0].Account.Id;
        }

        File.Delete(dir.File(Switchyard.Storage.SecretBox.KeyFileName));
        await using var second = TestServices.Create(shared: dir);

        var result = await second.Get<TokenManager>().GetAccessTokenAsync(id, TestContext.Current.CancellationToken);

        Assert.Equal(TokenFailureKind.NotConfigured, result.Failure);
        Assert.Contains("secret.key", result.Error, StringComparison.Ordinal);
        Assert.Empty(second.Http.Requests);
    }
}
