using Spectre.Console;
using Switchyard.Accounts;
using Switchyard.Emulator;
using Switchyard.Hosting.Cli;
using Switchyard.Quota;
using Switchyard.Upstream;

namespace Switchyard.Hosting.Demo;

/// <summary>
/// The demo's quota: each emulated account starts with some of its 5 h and weekly windows spent, and every content call
/// spends a little more, so the bars move; once the gateway has read them, both windows of each family are printed on the
/// demo's first screen (and the dashboard shows the same).
/// </summary>
internal static class DemoQuota
{
    /// <summary>What one content call spends of each window of its family.</summary>
    public static EmulatorConfig Config { get; } = new()
    {
        Quota = new QuotaWindowsConfig { FiveHourCostPerRequest = 0.02, WeeklyCostPerRequest = 0.004 },
    };

    /// <summary>(account, bucket, fraction left, hours to its reset). Alan is on the free tier: weekly windows only.</summary>
    public static IReadOnlyList<(string Email, string Bucket, double Fraction, double ResetHours)> Spent { get; } =
    [
        ("ada@example.com", "gemini-5h", 0.86, 3.5),
        ("ada@example.com", "gemini-weekly", 0.71, 74),
        ("ada@example.com", "3p-5h", 0.58, 2.2),
        ("ada@example.com", "3p-weekly", 0.64, 121),
        ("grace@example.com", "gemini-5h", 0.42, 1.4),
        ("grace@example.com", "gemini-weekly", 0.55, 98),
        ("grace@example.com", "3p-5h", 0.9, 4.1),
        ("grace@example.com", "3p-weekly", 0.23, 140),
        ("alan@example.com", "gemini-weekly", 0.93, 160),
        ("alan@example.com", "3p-weekly", 0.81, 35),
    ];

    public static async Task SeedAsync(EmulatorServer emulator, CancellationToken cancellationToken)
    {
        foreach (var (email, bucket, fraction, hours) in Spent)
        {
            await emulator.Control.SetQuotaAsync(email, "antigravity", bucket, fraction, resetInSeconds: hours * 3600, cancellationToken: cancellationToken);
        }
    }

    /// <summary>Both windows of each family per account, as the gateway read them at start-up.</summary>
    public static async Task PrintAsync(IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        var quota = services.GetRequiredService<QuotaService>();
        var store = services.GetRequiredService<AccountStore>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var table = new Table().AddColumns(["Account", .. QuotaKeys.Windows.Select(QuotaText.Label)]);
        foreach (var account in await store.ListAsync(cancellationToken))
        {
            var q = quota.Get(account.Id);
            var cells = new List<Spectre.Console.Rendering.IRenderable> { new Text(account.Email) };
            cells.AddRange(QuotaKeys.Windows.Select(key => q.Entry(key) is { } e
                ? new Markup(QuotaCommand.Bar(e.RemainingFraction) + " " + Markup.Escape(QuotaCommand.ResetText(e.ResetTime, now)))
                : new Markup(key.EndsWith(QuotaWindowNames.FiveHour, StringComparison.Ordinal) ? "[grey]none (free tier)[/]" : "[grey]not read[/]")));
            table.AddRow(cells);
        }

        await output.WriteLineAsync("Quota per account (5 h and weekly windows of each model family; 3p = Claude and GPT-OSS):");
        CliConsole.For(output).Write(table);
    }
}
