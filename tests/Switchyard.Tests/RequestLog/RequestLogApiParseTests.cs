using Microsoft.AspNetCore.Http;
using Switchyard.RequestLog;

namespace Switchyard.Tests.RequestLog;

public sealed class RequestLogApiParseTests
{
    private static (RequestQuery? Query, string? Error) Parse(string query) =>
        RequestLogApi.ParseSearch(new QueryCollection(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query)));

    [Theory]
    [InlineData("?from=yesterday", "'from'")]
    [InlineData("?to=2026-13-01", "'to'")]
    [InlineData("?from=2026-07-02T00:00:00Z&to=2026-07-01T00:00:00Z", "before")]
    [InlineData("?protocol=grpc", "'protocol'")]
    [InlineData("?status=abc", "'status'")]
    [InlineData("?status=99", "'status'")]
    [InlineData("?status=6xx", "'status'")]
    [InlineData("?errors=maybe", "'errors'")]
    [InlineData("?limit=0", "'limit'")]
    [InlineData("?limit=501", "'limit'")]
    [InlineData("?limit=-1", "'limit'")]
    [InlineData("?cursor=zzz", "'cursor'")]
    [InlineData("?cursor=12.ab-cd", "'cursor'")]
    [InlineData("?color=red", "Unknown parameter 'color'")]
    [InlineData("?model=a&model=b", "more than once")]
    public void ParseSearch_BadFilter_ReturnsAnErrorNamingIt(string query, string expected)
    {
        var (parsed, error) = Parse(query);

        Assert.Null(parsed);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseSearch_EveryFilter_IsRead()
    {
        var (q, error) = Parse("?from=2026-07-01T00:00:00Z&to=2026-07-02T00:00:00%2B02:00&protocol=OpenAI&model=m&account=a&status=4xx&session=s&errors=true&limit=20&cursor=1700000000000.abc123");

        Assert.Null(error);
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero), q!.From);
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 22, 0, 0, TimeSpan.Zero), q.To);
        Assert.Equal(("openai", "m", "a", 4, (int?)null, "s", true, 20), (q.Protocol, q.Model, q.Account, q.StatusClass!.Value, q.Status, q.SessionHash, q.ErrorsOnly, q.Limit));
        Assert.Equal(new RequestCursor(1700000000000, "abc123"), q.Cursor);
    }

    [Fact]
    public void ParseSearch_Nothing_UsesTheDefaultLimit()
    {
        var (q, error) = Parse("");

        Assert.Null(error);
        Assert.Equal(RequestLogApi.DefaultLimit, q!.Limit);
        Assert.Equal(new RequestQuery(), q);
    }
}
