using Switchyard.Foundation;
using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Switchyard.Dispatch;

/// <summary>
/// The signed thinking the gateway remembers for later turns of a tool loop (<c>ThinkingMemory</c>). Section
/// <c>ThinkingMemory</c>. Kept in memory and, with <see cref="Persist"/>, in <see cref="DatabaseFile"/> in the data
/// directory, so a loop continues after a restart.
/// </summary>
internal sealed class ThinkingMemoryOptions : IGatewayOptions<ThinkingMemoryOptions>
{
    public const string Section = "ThinkingMemory";

    /// <inheritdoc/>
    public static void Bind(IConfiguration section, ThinkingMemoryOptions options) => section.Bind(options, o => o.ErrorOnUnknownConfiguration = true);

    /// <summary>Keep remembered thinking on disk across restarts. Default on.</summary>
    public bool Persist { get; set; } = true;

    /// <summary>File name of the thinking database inside the data directory.</summary>
    [Required]
    public string DatabaseFile { get; set; } = "thinking.db";

    /// <summary>Most entries kept (each of remembered blocks and rejected signatures); the oldest go first.</summary>
    [Range(16, 1_000_000)]
    public int Capacity { get; set; } = 4096;

    /// <summary>How long an entry is kept after the upstream gave (or refused) it.</summary>
    [Range(1, 24 * 365)]
    public double TimeToLiveHours { get; set; } = 24 * 7;
}

/// <summary>Attribute rules of <see cref="ThinkingMemoryOptions"/>, generated at build time.</summary>
[OptionsValidator]
internal sealed partial class ThinkingMemoryOptionsValidator : IValidateOptions<ThinkingMemoryOptions>;

/// <summary>Rules the attributes cannot say.</summary>
internal sealed class ThinkingMemoryOptionsCustomValidator : IValidateOptions<ThinkingMemoryOptions>
{
    public ValidateOptionsResult Validate(string? name, ThinkingMemoryOptions options)
    {
        if (options.DatabaseFile.IndexOfAny(['/', '\\']) >= 0 || options.DatabaseFile is "." or "..")
        {
            return ValidateOptionsResult.Fail($"{ThinkingMemoryOptions.Section}:DatabaseFile '{options.DatabaseFile}' must be a file name inside the data directory, not a path.");
        }

        return ValidateOptionsResult.Success;
    }
}
