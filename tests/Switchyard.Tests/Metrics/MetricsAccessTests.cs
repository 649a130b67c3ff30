using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Switchyard.Foundation;
using Switchyard.Metrics;

namespace Switchyard.Tests.Metrics;

public sealed class MetricsAccessTests
{
    private const string Token = "prometheus-scrape-token-1";

    private static async Task<int> StatusAsync(bool credentialsSet = false, bool admin = false, string host = "127.0.0.1", string? token = null, string? bearer = null)
    {
        var access = new MetricsAccess(
            Options.Create(new MetricsOptions { ScrapeToken = token }),
            Options.Create(new ServerOptions { Host = host }),
            new FakeCredentials(credentialsSet, admin));
        var http = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        if (bearer is not null)
        {
            http.Request.Headers.Authorization = "Bearer " + bearer;
        }

        var result = await access.InvokeAsync(new DefaultEndpointFilterInvocationContext(http), _ => ValueTask.FromResult<object?>(Results.Ok()));
        await ((IResult)result!).ExecuteAsync(http);
        return http.Response.StatusCode;
    }

    [Fact]
    public async Task Invoke_NothingProtectedOnLoopback_IsOpen()
    {
        Assert.Equal(200, await StatusAsync());
    }

    [Fact]
    public async Task Invoke_AnyCredentialSet_NeedsOne()
    {
        Assert.Equal(401, await StatusAsync(credentialsSet: true));
        Assert.Equal(200, await StatusAsync(credentialsSet: true, admin: true));
    }

    [Fact]
    public async Task Invoke_BoundBeyondLoopback_NeedsCredentialsEvenWithNoneSet()
    {
        Assert.Equal(401, await StatusAsync(host: "0.0.0.0"));
    }

    [Fact]
    public async Task Invoke_ScrapeToken_OpensItAndItsAbsenceOrAWrongOneDoesNot()
    {
        Assert.Equal(200, await StatusAsync(credentialsSet: true, token: Token, bearer: Token));
        Assert.Equal(401, await StatusAsync(token: Token));
        Assert.Equal(401, await StatusAsync(token: Token, bearer: "prometheus-scrape-token-2"));
    }

    private sealed class FakeCredentials(bool anySet, bool admin) : IMetricsCredentials
    {
        public bool AnySet => anySet;

        public Task<bool> IsAdminAsync(HttpContext http) => Task.FromResult(admin);
    }
}
