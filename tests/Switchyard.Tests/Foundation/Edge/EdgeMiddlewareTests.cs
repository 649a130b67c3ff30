using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Switchyard.Foundation;
using Switchyard.Foundation.Edge;

namespace Switchyard.Tests.Foundation.Edge;

public sealed class EdgeMiddlewareTests
{
    private readonly FakeLogger<EdgeMiddleware> _logger = new();
    private readonly EdgeTraffic _traffic = new();

    private EdgeMiddleware Create(RequestDelegate next, string[]? origins = null) =>
        new(next, new EdgePolicy(new ServerOptions { AllowedOrigins = [.. origins ?? []] }), new RouteFamilies([new FakeFamily("/v1")]), _traffic, _logger);

    private static DefaultHttpContext Http(string path = "/v1/messages", string method = "GET", string host = "127.0.0.1:8045")
    {
        var http = new DefaultHttpContext();
        http.Request.Method = method;
        http.Request.Scheme = "http";
        http.Request.Host = new HostString(host);
        http.Request.Path = path;
        http.Response.Body = new MemoryStream();
        return http;
    }

    private static JsonNode Body(HttpContext http)
    {
        http.Response.Body.Position = 0;
        return JsonNode.Parse(http.Response.Body)!;
    }

    [Fact]
    public async Task Invoke_RefusedHost_AnswersInTheFamilyEnvelopeWithoutRunningTheRoute()
    {
        var ran = false;
        var http = Http(host: "rebind.attacker.example:8045");

        await Create(_ => { ran = true; return Task.CompletedTask; }).InvokeAsync(http);

        Assert.False(ran);
        Assert.Equal(403, http.Response.StatusCode);
        Assert.Equal(403, (int)Body(http)["fake"]!["status"]!);
    }

    [Fact]
    public async Task Invoke_RouteSetA404WithoutBody_GetsAnEnvelopeNamingThePath()
    {
        var http = Http("/v1/nothing");
        http.Request.QueryString = new QueryString("?key=secret-query");

        await Create(h => { h.Response.StatusCode = 404; return Task.CompletedTask; }).InvokeAsync(http);

        var message = (string)Body(http)["fake"]!["message"]!;
        Assert.Equal(404, http.Response.StatusCode);
        Assert.Contains("/v1/nothing", message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-query", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_UnmatchedPathOutsideEveryFamily_GetsThePlainEnvelope()
    {
        var http = Http("/nowhere");

        await Create(h => { h.Response.StatusCode = 405; h.Response.Headers.Allow = "GET"; return Task.CompletedTask; }).InvokeAsync(http);

        Assert.Equal(405, http.Response.StatusCode);
        Assert.Equal("GET is not allowed on /nowhere; use GET.", (string)Body(http)["error"]!);
    }

    [Fact]
    public async Task Invoke_RouteThrows_Answers500InTheEnvelopeAndLogsOnce()
    {
        var http = Http();

        await Create(_ => throw new InvalidOperationException("a bug")).InvokeAsync(http);

        Assert.Equal(500, http.Response.StatusCode);
        Assert.Equal(500, (int)Body(http)["fake"]!["status"]!);
        var record = Assert.Single(_logger.Collector.GetSnapshot());
        Assert.Equal(LogLevel.Error, record.Level);
        Assert.IsType<InvalidOperationException>(record.Exception);
    }

    [Fact]
    public async Task Invoke_BodyCouldNotBeRead_AnswersKestrelsStatusNot500()
    {
        var http = Http(method: "POST");
        http.Request.ContentType = "application/json";

        await Create(_ => throw new BadHttpRequestException("Bad chunk size data.", 400)).InvokeAsync(http);

        Assert.Equal(400, http.Response.StatusCode);
        Assert.Contains("Bad chunk size data.", (string)Body(http)["fake"]!["message"]!, StringComparison.Ordinal);
        Assert.Empty(_logger.Collector.GetSnapshot());
    }

    [Fact]
    public async Task Invoke_ThrowsAfterTheFirstByte_AbortsInsteadOfWriting()
    {
        var http = Http();
        var lifetime = new AbortRecorder();
        http.Features.Set<IHttpRequestLifetimeFeature>(lifetime);
        http.Features.Set<IHttpResponseFeature>(new StartedResponse());

        await Create(_ => throw new InvalidOperationException("late")).InvokeAsync(http);

        Assert.True(lifetime.Aborted);
    }

    [Fact]
    public async Task Invoke_PreflightFromAnAllowListedOrigin_Answers204WithCorsHeaders()
    {
        var http = Http(method: "OPTIONS");
        http.Request.Headers.Origin = "http://localhost:3000";
        http.Request.Headers["Sec-Fetch-Site"] = "same-site";
        http.Request.Headers.AccessControlRequestMethod = "POST";
        http.Request.Headers.AccessControlRequestHeaders = "content-type,x-api-key";
        var ran = false;

        await Create(_ => { ran = true; return Task.CompletedTask; }, origins: ["http://localhost:3000"]).InvokeAsync(http);

        Assert.False(ran);
        Assert.Equal(204, http.Response.StatusCode);
        Assert.Equal("http://localhost:3000", http.Response.Headers.AccessControlAllowOrigin.ToString());
        Assert.Equal("content-type,x-api-key", http.Response.Headers.AccessControlAllowHeaders.ToString());
    }

    [Fact]
    public async Task Invoke_AllowListedOriginRequest_IsServedWithAllowOrigin()
    {
        var http = Http(method: "POST");
        http.Request.ContentType = "application/json";
        http.Request.Headers.Origin = "http://localhost:3000";

        await Create(h => { h.Response.StatusCode = 200; return Task.CompletedTask; }, origins: ["http://localhost:3000"]).InvokeAsync(http);

        Assert.Equal(200, http.Response.StatusCode);
        Assert.Equal("http://localhost:3000", http.Response.Headers.AccessControlAllowOrigin.ToString());
    }

    [Fact]
    public async Task Invoke_CountsTheRequestInFlightWhileItRuns()
    {
        long during = -1;

        await Create(_ => { during = _traffic.InFlight; return Task.CompletedTask; }).InvokeAsync(Http());

        Assert.Equal(1, during);
        Assert.Equal(0, _traffic.InFlight);
    }

    private sealed class AbortRecorder : IHttpRequestLifetimeFeature
    {
        public bool Aborted { get; private set; }

        public CancellationToken RequestAborted { get; set; }

        public void Abort() => Aborted = true;
    }

    private sealed class StartedResponse : HttpResponseFeature
    {
        public override bool HasStarted => true;
    }
}
