using Switchyard.Foundation;
using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Switchyard.Hosting.Logging;

/// <summary>Debug logs written to rotating files in the data directory, one JSON object per line. Section <c>LogFiles</c>.</summary>
internal sealed class LoggingFileOptions : IGatewayOptions<LoggingFileOptions>
{
    public const string Section = "LogFiles";

    /// <inheritdoc/>
    public static void Bind(IConfiguration section, LoggingFileOptions options) => section.Bind(options, o => o.ErrorOnUnknownConfiguration = true);

    /// <summary>Off by default: the console gets the logs either way.</summary>
    public bool Enabled { get; set; }

    /// <summary>Folder inside the data directory.</summary>
    [Required]
    public string Directory { get; set; } = "logs";

    /// <summary>The current file; older ones are <c>name.1.log</c>, <c>name.2.log</c>, … (1 is the newest).</summary>
    [Required]
    public string FileName { get; set; } = "switchyard.log";

    /// <summary>A file is rotated when the next line would take it past this size.</summary>
    [Range(1024, 1_073_741_824)]
    public long MaxFileBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Files kept, the current one included; older ones are deleted.</summary>
    [Range(1, 1000)]
    public int MaxFiles { get; set; } = 5;

    /// <summary>Lowest level written to the files.</summary>
    public LogLevel MinimumLevel { get; set; } = LogLevel.Debug;
}

/// <summary>Attribute rules of <see cref="LoggingFileOptions"/>, generated at build time.</summary>
[OptionsValidator]
internal sealed partial class LoggingFileOptionsValidator : IValidateOptions<LoggingFileOptions>;

/// <summary>Names are plain names inside the data directory.</summary>
internal sealed class LoggingFileOptionsCustomValidator : IValidateOptions<LoggingFileOptions>
{
    public ValidateOptionsResult Validate(string? name, LoggingFileOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        if (options.FileName.IndexOfAny(['/', '\\']) >= 0 || options.FileName is "." or "..")
        {
            builder.AddError($"FileName '{options.FileName}' must be a file name, not a path.", $"{LoggingFileOptions.Section}:FileName");
        }

        if (Path.IsPathRooted(options.Directory) || options.Directory.Split('/', '\\').Contains(".."))
        {
            builder.AddError($"Directory '{options.Directory}' must be a folder inside the data directory.", $"{LoggingFileOptions.Section}:Directory");
        }

        return builder.Build();
    }
}
