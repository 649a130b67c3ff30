using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Switchyard.Foundation;

namespace Switchyard.FrontDoors;

/// <summary>
/// Background downgrade (issue 22). Section <c>Background</c>. Requests a client marks or shapes as background work go
/// to <see cref="Model"/> instead of the model asked for, so titles and summaries do not spend premium quota:
/// <list type="bullet">
/// <item>marked: the request header <c>X-Switchyard-Background: true</c>;</item>
/// <item>a small model: the requested name matches one of <see cref="SmallModels"/> (wildcards <c>*</c> and <c>?</c>):
/// Claude Code sends its title, summary and command-prefix calls to its small fast model, a Haiku;</item>
/// <item>shaped: no tools, the last user text at most <see cref="MaxTextChars"/> characters, and the system prompt or that
/// text contains one of <see cref="Phrases"/> (case-insensitive): title generators and conversation summaries.</item>
/// </list>
/// The response's <c>X-Mapped-Model</c> names the model sent; the request log keeps why (its trace's <c>background</c>).
/// <see cref="Enabled"/> false turns it off. Applies to <c>/v1/messages</c> and <c>/v1/chat/completions</c>.
/// </summary>
internal sealed class BackgroundOptions : IGatewayOptions<BackgroundOptions>
{
    public const string Section = "Background";

    /// <inheritdoc/>
    public static void Bind(IConfiguration section, BackgroundOptions options) => section.Bind(options, o => o.ErrorOnUnknownConfiguration = true);

    /// <summary>The request header a client sets to mark a request as background work.</summary>
    public const string Header = "X-Switchyard-Background";

    public bool Enabled { get; set; } = true;

    /// <summary>The cheaper model background work goes to: an upstream id or a built-in alias.</summary>
    [Required]
    public string Model { get; set; } = "gemini-3-flash";

    /// <summary>Requested names that are background work by themselves (Claude Code's small fast model).</summary>
    public List<string> SmallModels { get; set; } = ["claude-*haiku*", "claude-3-haiku*"];

    /// <summary>Phrases of title and summary prompts.</summary>
    public List<string> Phrases { get; set; } =
    [
        "5-10 word title",
        "title generator",
        "Summarize this coding conversation",
        "isNewTopic",
        "concise, sentence-case title",
    ];

    /// <summary>A shaped request's last user text is at most this long.</summary>
    [Range(1, 100_000)]
    public int MaxTextChars { get; set; } = 800;
}

/// <summary>Attribute rules of <see cref="BackgroundOptions"/>, generated at build time.</summary>
[OptionsValidator]
internal sealed partial class BackgroundOptionsValidator : IValidateOptions<BackgroundOptions>;
