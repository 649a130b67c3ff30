using Microsoft.AspNetCore.Http;
using Switchyard.Foundation;
using Switchyard.Foundation.Edge;

namespace Switchyard.Tests.Foundation.Edge;

public sealed class EdgePolicyTests
{
    private static readonly FakeFamily Doors = new("/v1");
    private static readonly FakeFamily Admin = new("/admin", jsonPosts: false, browserApps: false);

    private static HttpRequest Request(string host = "127.0.0.1:8045", string method = "GET", string path = "/v1/messages", params (string Name, string Value)[] headers)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = method;
        http.Request.Scheme = "http";
        http.Request.Host = new HostString(host);
        http.Request.Path = path;
        foreach (var (name, value) in headers)
        {
            http.Request.Headers[name] = value;
        }

        return http.Request;
    }

    private static EdgePolicy Policy(string bind = "127.0.0.1", string[]? hosts = null, string[]? origins = null) =>
        new(new ServerOptions { Host = bind, AllowedHosts = [.. hosts ?? []], AllowedOrigins = [.. origins ?? []] });

    [Theory]
    [InlineData("127.0.0.1:8045")]
    [InlineData("127.9.8.7")]
    [InlineData("localhost:8045")]
    [InlineData("LOCALHOST")]
    [InlineData("app.localhost:8045")]
    [InlineData("[::1]:8045")]
    public void CheckHost_LoopbackName_Passes(string host)
    {
        Assert.Null(Policy().CheckHost(Request(host)));
    }

    [Theory]
    [InlineData("attacker.example:8045")]
    [InlineData("localhost.attacker.example")]
    [InlineData("192.168.1.20:8045")]
    [InlineData("127.0.0.1.nip.io")]
    public void CheckHost_OtherName_Is403(string host)
    {
        var refusal = Policy().CheckHost(Request(host));

        Assert.NotNull(refusal);
        Assert.Equal(403, refusal.Status);
        Assert.Contains("Server:AllowedHosts", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckHost_ConfiguredBindAndAllowList_Pass()
    {
        var policy = Policy(bind: "192.168.1.20", hosts: ["gateway.example", "*.lan"]);

        Assert.Null(policy.CheckHost(Request("192.168.1.20:8045")));
        Assert.Null(policy.CheckHost(Request("gateway.example")));
        Assert.Null(policy.CheckHost(Request("box.lan:8045")));
        Assert.NotNull(policy.CheckHost(Request("lan")));
        Assert.NotNull(policy.CheckHost(Request("192.168.1.21:8045")));
    }

    [Fact]
    public void CheckHost_WildcardBind_TakesAnyIpLiteralButNoOtherName()
    {
        var policy = Policy(bind: "0.0.0.0");

        Assert.Null(policy.CheckHost(Request("10.1.2.3:8045")));
        Assert.Null(policy.CheckHost(Request("[fd00::5]:8045")));
        Assert.NotNull(policy.CheckHost(Request("rebind.attacker.example:8045")));
    }

    [Fact]
    public void CheckHost_StarAllowed_TakesAnything()
    {
        Assert.Null(Policy(hosts: ["*"]).CheckHost(Request("anything.example")));
    }

    [Fact]
    public void CheckSite_NoBrowserHeaders_Passes()
    {
        Assert.Null(Policy().CheckSite(Request(method: "POST"), Doors));
    }

    [Theory]
    [InlineData("same-origin")]
    [InlineData("none")]
    public void CheckSite_SameOriginOrUserTyped_Passes(string site)
    {
        Assert.Null(Policy().CheckSite(Request(method: "POST", headers: [("Sec-Fetch-Site", site)]), Doors));
    }

    [Theory]
    [InlineData("cross-site")]
    [InlineData("same-site")]
    public void CheckSite_CrossOrSameSiteFetch_Is403(string site)
    {
        var refusal = Policy().CheckSite(Request(method: "POST", headers: [("Sec-Fetch-Site", site)]), Doors);

        Assert.Equal(403, refusal?.Status);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8045", true)]
    [InlineData("http://127.0.0.1:9999", false)]
    [InlineData("https://127.0.0.1:8045", false)]
    [InlineData("https://attacker.example", false)]
    [InlineData("null", false)]
    public void CheckSite_Origin_PassesOnlyWhenItIsThisServer(string origin, bool passes)
    {
        var refusal = Policy().CheckSite(Request(method: "POST", headers: [("Origin", origin)]), Doors);

        Assert.Equal(passes, refusal is null);
    }

    [Fact]
    public void CheckSite_AllowListedOrigin_PassesOnBrowserAppRoutesOnly()
    {
        var policy = Policy(origins: ["http://localhost:3000"]);
        var headers = new[] { ("Origin", "http://localhost:3000"), ("Sec-Fetch-Site", "same-site") };

        Assert.Null(policy.CheckSite(Request(method: "POST", headers: headers), Doors));
        Assert.NotNull(policy.CheckSite(Request(method: "POST", path: "/admin/api/accounts", headers: headers), Admin));
    }

    [Fact]
    public void CheckSite_TopLevelGetNavigation_Passes_ButAPostNavigationDoesNot()
    {
        var navigate = new[] { ("Sec-Fetch-Site", "cross-site"), ("Sec-Fetch-Mode", "navigate") };

        Assert.Null(Policy().CheckSite(Request(path: "/admin/oauth/callback", headers: navigate), Admin));
        Assert.NotNull(Policy().CheckSite(Request(method: "POST", headers: navigate), Doors));
    }

    [Fact]
    public void CheckContentType_PostWithoutContentTypeToAJsonFamily_Is415()
    {
        var refusal = EdgePolicy.CheckContentType(Request(method: "POST"), Doors);

        Assert.Equal(415, refusal?.Status);
        Assert.Contains("no Content-Type", refusal!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("not a media type")]
    public void CheckContentType_WhatABlindFormCanSend_Is415(string contentType)
    {
        Assert.Equal(415, EdgePolicy.CheckContentType(Request(method: "POST", headers: [("Content-Type", contentType)]), Doors)?.Status);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/vnd.api+json")]
    public void CheckContentType_Json_Passes(string contentType)
    {
        Assert.Null(EdgePolicy.CheckContentType(Request(method: "POST", headers: [("Content-Type", contentType)]), Doors));
    }

    [Theory]
    [InlineData("multipart/form-data; boundary=x", true)]
    [InlineData("Multipart/Form-Data; boundary=\"a b\"", true)]
    [InlineData("multipart/form-data", false)]
    [InlineData("multipart/mixed; boundary=x", false)]
    [InlineData("application/x-www-form-urlencoded", false)]
    public void CheckContentType_UploadRoute_TakesAMultipartFormWithABoundary(string contentType, bool accepted)
    {
        var family = new FakeFamily("/v1", uploadPath: "/v1/upload");
        var upload = Request(method: "POST", path: "/v1/upload", headers: [("Content-Type", contentType)]);
        var other = Request(method: "POST", path: "/v1/other", headers: [("Content-Type", contentType)]);

        var refusal = EdgePolicy.CheckContentType(upload, family);

        Assert.Equal(accepted, refusal is null);
        Assert.Equal(415, EdgePolicy.CheckContentType(other, family)?.Status);
        if (refusal is not null)
        {
            Assert.Contains("application/json or multipart/form-data", refusal.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void CheckContentType_BodylessPostOutsideJsonFamilies_Passes_ButABodyMustBeJson()
    {
        var bodyless = Request(method: "POST", path: "/admin/api/logout");
        var withBody = Request(method: "POST", path: "/admin/api/login", headers: [("Content-Type", "text/plain")]);
        withBody.ContentLength = 12;

        Assert.Null(EdgePolicy.CheckContentType(bodyless, Admin));
        Assert.Equal(415, EdgePolicy.CheckContentType(withBody, Admin)?.Status);
    }
}
