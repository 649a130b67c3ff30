using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Switchyard.Admin;
using Switchyard.Emulator.State;
using Switchyard.FunctionalTests.Accounts;

namespace Switchyard.FunctionalTests.Hosting;

/// <summary>
/// A separate <c>switchyard</c> process killed with SIGKILL at seeded points (after its n-th output line, so the
/// point moves through start-up, the upstream calls and the write) while it imports accounts or writes runtime
/// settings; each time the store then opens and holds the old state or the new one, never a mix.
/// </summary>
public sealed partial class KillNineTests
{
    private const int Rounds = 20;
    private const int Seed = 90_210;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static AccountSeed[] Seeds =>
    [
        new() { Email = AccountsHarness.Ada, Name = "Ada", Tier = "ULTRA", RefreshToken = AccountsHarness.AdaRefresh },
        .. Enumerable.Range(0, 5).Select(i => new AccountSeed { Email = $"user{i}@example.com", Name = $"User {i}", Tier = "PRO", RefreshToken = $"1//0user{i}-kill-refresh" }),
    ];

    [Fact]
    public async Task AccountImport_KilledAtSeededPoints_StoreHoldsTheOldOrTheNewAccounts()
    {
        await using var h = await AccountsHarness.StartAsync(Seeds);
        await h.ImportAsync();
        var pristine = Snapshot(h.DataDir);
        var file = Path.Combine(h.DataDir, "..", Path.GetRandomFileName() + ".json");
        var entries = Seeds.Skip(1).Select(s => $$"""{"email":"{{s.Email}}","refreshToken":"{{s.RefreshToken}}","addedAt":1750000000000,"enabled":true}""");
        await File.WriteAllTextAsync(file, $$"""{"version":4,"activeIndex":0,"accounts":[{{string.Join(",", entries)}}]}""", Ct);
        string[] oldState = [AccountsHarness.Ada];
        string[] newState = [.. Seeds.Select(s => s.Email).Order(StringComparer.Ordinal)];

        // An uninterrupted run first: how many lines it prints bounds where the kills land.
        var total = await RunToEndAsync(Args(h, "accounts", "import", Path.GetFullPath(file)));
        Assert.True(total.Exit == 0, string.Join("\n", total.Lines));
        var random = new Random(Seed);
        var outcomes = new List<string>();
        for (var round = 0; round < Rounds; round++)
        {
            Restore(pristine, h.DataDir);
            var killAfter = random.Next(0, total.Lines.Count + 1);
            using var child = KilledChild.Start(Args(h, "accounts", "import", Path.GetFullPath(file)));
            await KillAfterLinesAsync(child, killAfter);

            var emails = await EmailsAsync(h);
            Assert.True(emails.SequenceEqual(oldState) || emails.SequenceEqual(newState), $"round {round} (killed after line {killAfter}): {string.Join(", ", emails)}");
            outcomes.Add(emails.Length == 1 ? "old" : "new");
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{outcomes.Count(o => o == "old")} old, {outcomes.Count(o => o == "new")} new");
    }

    [Fact]
    public async Task SettingsWrites_KilledWhileWriting_FileHoldsTheLastAcknowledgedOrTheInFlightValue()
    {
        await using var h = await AccountsHarness.StartAsync(Seeds);
        await h.ImportAsync();
        var random = new Random(Seed + 1);
        var settingsFile = Path.Combine(h.DataDir, RuntimeSettingsProvider.FileName);
        for (var round = 0; round < Rounds; round++)
        {
            using var child = KilledChild.Start(Args(h, "serve", "--port", "0"));
            var url = await ListeningUrlAsync(child);
            using var client = new HttpClient { BaseAddress = url };
            var acknowledged = Current(settingsFile);
            var writes = random.Next(0, 4);
            for (var i = 0; i < writes; i++)
            {
                var value = 100 + (round * 10) + i;
                using var response = await PatchAsync(client, value);
                Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
                acknowledged = value.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            // One more write in flight when the kill comes.
            var inFlight = (100 + (round * 10) + writes).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var pending = PatchAsync(client, int.Parse(inFlight, System.Globalization.CultureInfo.InvariantCulture));
            await child.KillAsync(Ct);
            try
            {
                (await pending).Dispose();
            }
            catch (HttpRequestException)
            {
                // Killed before it answered.
            }

            var stored = Current(settingsFile);
            Assert.True(stored == acknowledged || stored == inFlight, $"round {round}: stored {stored ?? "nothing"}, acknowledged {acknowledged ?? "nothing"}, in flight {inFlight}");
            Assert.NotEmpty(await EmailsAsync(h));
        }
    }

    /// <summary>The stored value (reading throws if the file is damaged).</summary>
    private static string? Current(string settingsFile) =>
        RuntimeSettingsFile.Read(settingsFile).Values.GetValueOrDefault("Scheduling:MaxWaitSeconds");

    private static Task<HttpResponseMessage> PatchAsync(HttpClient client, int value)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, "admin/api/settings")
        {
            Content = new StringContent($$"""{"Scheduling:MaxWaitSeconds": {{value}}}""", Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        return client.SendAsync(request, Ct);
    }

    private static List<string> Args(AccountsHarness h, params string[] command)
    {
        var args = new List<string>(command) { "--data-dir", h.DataDir };
        foreach (var (key, value) in h.Settings)
        {
            args.Add("--set");
            args.Add($"{key}={value}");
        }

        return args;
    }

    private static async Task<(int Exit, List<string> Lines)> RunToEndAsync(List<string> args)
    {
        using var child = KilledChild.Start(args);
        var lines = new List<string>();
        while (await child.NextLineAsync(Ct) is { } line)
        {
            lines.Add(line);
        }

        return (await child.WaitForExitAsync(Ct), lines);
    }

    private static async Task KillAfterLinesAsync(KilledChild child, int lines)
    {
        for (var i = 0; i < lines && await child.NextLineAsync(Ct) is not null; i++)
        {
        }

        await child.KillAsync(Ct);
    }

    private static async Task<Uri> ListeningUrlAsync(KilledChild child)
    {
        while (await child.NextLineAsync(Ct) is { } line)
        {
            if (ListeningLine().Match(line) is { Success: true } match)
            {
                return new Uri(match.Value + "/");
            }
        }

        throw new InvalidOperationException("The gateway ended before it listened.");
    }

    /// <summary>The store's accounts, read by a fresh CLI run (it must open whatever state the kill left).</summary>
    private static async Task<string[]> EmailsAsync(AccountsHarness h) =>
        [.. (await h.ListAsync()).Select(a => (string)a!["email"]!).Order(StringComparer.Ordinal)];

    private static Dictionary<string, byte[]> Snapshot(string dir) =>
        Directory.GetFiles(dir).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);

    private static void Restore(Dictionary<string, byte[]> snapshot, string dir)
    {
        foreach (var file in Directory.GetFiles(dir))
        {
            File.Delete(file);
        }

        foreach (var (name, bytes) in snapshot)
        {
            File.WriteAllBytes(Path.Combine(dir, name), bytes);
        }
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+")]
    private static partial Regex ListeningLine();
}
