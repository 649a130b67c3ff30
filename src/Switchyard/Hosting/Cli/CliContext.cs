namespace Switchyard.Hosting.Cli;

/// <summary>What every CLI command gets: where to write, and a hook tests use to replace services.</summary>
internal sealed record CliContext(TextWriter Output, TextWriter Error, TextReader Input, Action<IServiceCollection>? ConfigureServices = null);
