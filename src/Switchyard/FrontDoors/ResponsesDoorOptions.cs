using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Switchyard.Foundation;

namespace Switchyard.FrontDoors;

/// <summary>
/// The OpenAI Responses door (<c>/v1/responses</c>). Section <c>Responses</c>. Responses are kept (for
/// <c>previous_response_id</c> and <c>GET /v1/responses/{id}</c>) unless the client sends <c>store: false</c>, as
/// OpenAI does; with <see cref="Store"/> off nothing is kept and <c>store: true</c> or <c>previous_response_id</c> is a
/// 400. Stored responses hold the conversation (prompts included) in <see cref="StoreDatabaseFile"/>, owner-only.
/// </summary>
internal sealed class ResponsesDoorOptions : IGatewayOptions<ResponsesDoorOptions>
{
    public const string Section = "Responses";

    /// <inheritdoc/>
    public static void Bind(IConfiguration section, ResponsesDoorOptions options) => section.Bind(options, o => o.ErrorOnUnknownConfiguration = true);

    /// <summary>Keep responses so a later request can continue from one by id.</summary>
    public bool Store { get; set; } = true;

    /// <summary>How long a stored response can be continued from or read.</summary>
    [Range(0.01, 8760)]
    public double StoreRetentionHours { get; set; } = 24;

    /// <summary>At most this many responses are kept; the oldest go first.</summary>
    [Range(1, 10_000_000)]
    public int StoreMaxRows { get; set; } = 1000;

    /// <summary>File name of the response store inside the data directory.</summary>
    [Required]
    public string StoreDatabaseFile { get; set; } = "responses.db";

    /// <summary>The key that seals reasoning into <c>encrypted_content</c> (32 random bytes, created once, owner-only); every instance sharing a pool must share it.</summary>
    [Required]
    public string ReasoningKeyFile { get; set; } = "responses-reasoning.key";
}

/// <summary>Attribute rules of <see cref="ResponsesDoorOptions"/>, generated at build time.</summary>
[OptionsValidator]
internal sealed partial class ResponsesDoorOptionsValidator : IValidateOptions<ResponsesDoorOptions>;
