using Switchyard.Accounts;

namespace Switchyard.Hosting.Demo;

/// <summary>Sign-in progress during <c>switchyard demo</c>: one indented line per step.</summary>
internal sealed class DemoLoginConsole(TextWriter output) : ILoginConsole
{
    public void Progress(string message) => output.WriteLine("    " + message);

    public void ShowUrl(string url, bool headless) => output.WriteLine("    Opening the emulator's sign-in page (auto-consent)");

    public Task<string?> ReadPastedAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(null);
}
