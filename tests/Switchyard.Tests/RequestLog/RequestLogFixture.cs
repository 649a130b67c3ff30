using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Switchyard.Foundation;
using Switchyard.RequestLog;
using Switchyard.Storage;

namespace Switchyard.Tests.RequestLog;

/// <summary>A request-log store over a temp data directory, a fake clock and traces built by hand.</summary>
internal sealed class RequestLogFixture : IDisposable
{
    public static readonly DateTimeOffset T0 = new(2026, 7, 1, 12, 0, 0, TimeSpan.Zero);

    public RequestLogFixture(RequestLogOptions? options = null, StorageOptions? storage = null)
    {
        Options = options ?? new RequestLogOptions();
        Storage = storage ?? new StorageOptions();
        Db = new RequestLogDb(new GatewayPaths(Dir.Path), Microsoft.Extensions.Options.Options.Create(Options), Microsoft.Extensions.Options.Options.Create(Storage));
        Store = new RequestLogStore(Db);
        Budget = new DataBudget(new GatewayPaths(Dir.Path), Db, Microsoft.Extensions.Options.Options.Create(Storage), Time, NullLogger<DataBudget>.Instance);
    }

    public TempDir Dir { get; } = new();
    public FakeTimeProvider Time { get; } = new(T0);
    public RequestLogOptions Options { get; }
    public StorageOptions Storage { get; }
    public DataBudget Budget { get; }
    public RequestLogDb Db { get; }
    public RequestLogStore Store { get; }

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public RequestLogWriter Writer(TimeProvider? time = null) => new(Store, Microsoft.Extensions.Options.Options.Create(Options), NullLogger<RequestLogWriter>.Instance, time ?? Time);

    public RequestLogRetention Retention() => new(Store, Microsoft.Extensions.Options.Options.Create(Options), Budget, Time, NullLogger<RequestLogRetention>.Instance);

    private static int s_next;

    /// <summary>A finished trace; ids sort by <paramref name="startedAt"/> then by creation order.</summary>
    public static RequestTrace Trace(DateTimeOffset startedAt, int status = 200, string protocol = "anthropic", string? model = "claude-sonnet-4-5",
        string? account = "ada@example.com", string? error = null, int? input = 10, int? output = 5)
    {
        var n = Interlocked.Increment(ref s_next);
        return new RequestTrace
        {
            Id = $"{startedAt.ToUnixTimeMilliseconds():x12}{n:x8}",
            StartedAt = startedAt,
            StartTimestamp = 0,
            Protocol = protocol,
            Endpoint = protocol switch { "openai" => "/v1/chat/completions", "gemini" => "/v1beta/models/x:generateContent", _ => "/v1/messages" },
            RequestedModel = model,
            MappedModel = model is null ? null : model + "-mapped",
            AccountEmail = account,
            AccountId = account is null ? null : "id-" + account[..account.IndexOf('@', StringComparison.Ordinal)],
            Status = status,
            Error = error,
            Latency = TimeSpan.FromMilliseconds(1234.5),
            TimeToFirstByte = TimeSpan.FromMilliseconds(100),
            InputTokens = input,
            OutputTokens = output,
        };
    }

    public Task InsertAsync(params RequestTrace[] traces) =>
        Store.InsertAsync([.. traces.Select(t => RequestRecord.From(t))], keepRows: true, Ct);

    public void Dispose()
    {
        Db.Dispose();
        SqliteConnection.ClearAllPools();
        Dir.Dispose();
    }
}
