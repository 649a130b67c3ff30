namespace Switchyard.Hosting;

/// <summary>Configuration that stops the gateway from starting; <see cref="Errors"/> lists every problem.</summary>
internal sealed class StartupException(IReadOnlyList<string> errors)
    : Exception("Invalid configuration:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  - " + e)))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
