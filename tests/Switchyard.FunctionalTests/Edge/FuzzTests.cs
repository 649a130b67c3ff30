using System.Globalization;
using Switchyard.FunctionalTests.Admin;
using Switchyard.FunctionalTests.FrontDoors;

namespace Switchyard.FunctionalTests.Edge;

/// <summary>
/// A seeded, bounded fuzz of every front door (and the shared model routes, unmatched routes and bad framing) and of
/// the admin API, through the running gateway and the emulator: no answer is a 5xx, and every error is in the
/// envelope of the route's protocol. <c>SWITCHYARD_FUZZ_SEED</c> replays another seed; a failure names the seed,
/// the case and its mutations.
/// </summary>
public sealed class FuzzTests
{
    private const int FrontDoorCases = 1500;
    private const int AdminCases = 500;
    private const string AdminKey = "fuzz-admin-key-0123456789";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static int Seed => int.TryParse(Environment.GetEnvironmentVariable("SWITCHYARD_FUZZ_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed) ? seed : 20_261_207;

    [Fact]
    public async Task FrontDoors_SeededFuzz_NoServerErrorAndEveryErrorInItsEnvelope()
    {
        await using var h = await FrontDoorHarness.StartAsync(s =>
        {
            s["RequestLog:CaptureBodies"] = "true";
            s["Scheduling:MaxWaitSeconds"] = "0";
        });
        var failures = new List<string>();
        var statuses = new SortedDictionary<int, int>();
        var started = TimeProvider.System.GetTimestamp();

        foreach (var c in FuzzCases.FrontDoors(Seed, FrontDoorCases))
        {
            var status = await RunAsync(h.Client, c, failures);
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{FrontDoorCases} cases in {TimeProvider.System.GetElapsedTime(started).TotalSeconds:F1} s; "
            + string.Join(", ", statuses.Select(p => $"{p.Key}: {p.Value}")));
        Assert.True(failures.Count == 0, $"seed {Seed}: {failures.Count} of {FrontDoorCases} cases failed:\n" + string.Join("\n", failures.Take(15)));
        Assert.True(statuses.GetValueOrDefault(200) >= FrontDoorCases / 20, "too few cases reached the upstream to exercise the translators");
    }

    [Fact]
    public async Task AdminApi_SeededFuzz_NoServerErrorAndEveryErrorInItsEnvelope()
    {
        await using var h = await AdminHarness.StartAsync(s => s["Admin:ApiKey"] = AdminKey);
        var failures = new List<string>();

        foreach (var c in FuzzCases.Admin(Seed + 1, AdminCases, AdminKey))
        {
            _ = await RunAsync(h.Client, c, failures);
        }

        Assert.True(failures.Count == 0, $"seed {Seed + 1}: {failures.Count} of {AdminCases} cases failed:\n" + string.Join("\n", failures.Take(15)));
    }

    /// <summary>Sends one case and records what is wrong with its answer; returns the status.</summary>
    private static async Task<int> RunAsync(HttpClient client, FuzzCase c, List<string> failures)
    {
        int status;
        string body;
        if (c.Raw is { } raw)
        {
            (status, body) = await RawHttp.SendAsync(client.BaseAddress!, raw, Ct);
            if (status is 0 or -1)
            {
                failures.Add(Describe(c, status, "no HTTP answer"));
                return status;
            }

            // Framing Kestrel rejects itself (before any route) has no body to check.
            if (body.Length == 0 && status is >= 400 and < 500)
            {
                return status;
            }
        }
        else
        {
            using var request = new HttpRequestMessage(new HttpMethod(c.Method), c.PathAndQuery.TrimStart('/'));
            if (c.Body is not null)
            {
                request.Content = new ByteArrayContent(c.Body);
                if (c.ContentType is not null)
                {
                    request.Content.Headers.TryAddWithoutValidation("Content-Type", c.ContentType);
                }
            }

            foreach (var (name, value) in c.Headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, Ct);
            status = (int)response.StatusCode;
            body = await response.Content.ReadAsStringAsync(Ct);

            // Kestrel refuses some requests itself before any route (a NUL in the path): an empty 400 that closes the connection.
            if (status == 400 && body.Length == 0 && response.Headers.ConnectionClose == true)
            {
                return status;
            }
        }

        if (status >= 500)
        {
            failures.Add(Describe(c, status, body));
        }
        else if (status >= 400 && c.Method != "HEAD" && Envelopes.Problem(c.Family, status, body) is { } problem)
        {
            failures.Add(Describe(c, status, problem));
        }

        return status;
    }

    private static string Describe(FuzzCase c, int status, string detail) =>
        $"  #{c.Index} {c.Method} {Cut(c.PathAndQuery, 120)} [{c.Description}] -> {status}: {Cut(detail, 300)}";

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max] + "…";
}
