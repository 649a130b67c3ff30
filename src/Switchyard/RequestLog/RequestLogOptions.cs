using Switchyard.Foundation;
using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Switchyard.RequestLog;

/// <summary>The request log in <c>requests.db</c> and its retention. Section <c>RequestLog</c>.</summary>
internal sealed class RequestLogOptions : IGatewayOptions<RequestLogOptions>
{
    public const string Section = "RequestLog";

    /// <inheritdoc/>
    public static void Bind(IConfiguration section, RequestLogOptions options) => section.Bind(options, o => o.ErrorOnUnknownConfiguration = true);

    /// <summary>Keep a row per finished request (usage statistics and metrics are kept either way).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>File name of the request-log database inside the data directory.</summary>
    [Required]
    public string DatabaseFile { get; set; } = "requests.db";

    /// <summary>Rows older than this are deleted; 0 keeps rows regardless of age.</summary>
    [Range(0, 3650)]
    public double RetentionDays { get; set; } = 30;

    /// <summary>
    /// Hourly statistics (one small row per hour, account and model) older than this are deleted; 0 keeps them. They
    /// outlive the rows they summarise, so the dashboard's long ranges still have figures.
    /// </summary>
    [Range(0, 3650)]
    public double StatisticsRetentionDays { get; set; } = 400;

    /// <summary>At most this many rows are kept (the oldest go first); 0 means no row limit.</summary>
    [Range(0, 100_000_000)]
    public int MaxRows { get; set; } = 200_000;

    /// <summary>How often retention runs (it also runs at start).</summary>
    [Range(1, 86400)]
    public int RetentionIntervalSeconds { get; set; } = 3600;

    /// <summary>Finished requests waiting to be written; when full, new ones are dropped and counted.</summary>
    [Range(1, 1_000_000)]
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>Rows written per transaction at most.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>
    /// How long the writer gathers finished requests before writing them in one transaction. Each transaction
    /// costs a write of every page it touched, so one row per transaction under load cost more than the rest of
    /// the request; 0 writes as soon as a record arrives. Readers of one request by id never miss a pending one
    /// (the lookup flushes first).
    /// </summary>
    [Range(0, 10_000)]
    public int FlushIntervalMilliseconds { get; set; } = 250;

    /// <summary>Store request bodies (capped, secrets redacted). Off by default.</summary>
    public bool CaptureBodies { get; set; }

    /// <summary>Longest body kept when <see cref="CaptureBodies"/> is on; longer ones are cut.</summary>
    [Range(0, 10_485_760)]
    public int MaxBodyBytes { get; set; } = 65_536;

    /// <summary>Events a live-feed subscriber may fall behind before the oldest are dropped for it.</summary>
    [Range(1, 100_000)]
    public int LiveBufferPerSubscriber { get; set; } = 256;
}

/// <summary>Attribute rules of <see cref="RequestLogOptions"/>, generated at build time.</summary>
[OptionsValidator]
internal sealed partial class RequestLogOptionsValidator : IValidateOptions<RequestLogOptions>;

/// <summary>Rules the attributes cannot say.</summary>
internal sealed class RequestLogOptionsCustomValidator : IValidateOptions<RequestLogOptions>
{
    public ValidateOptionsResult Validate(string? name, RequestLogOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        if (double.IsNaN(options.RetentionDays))
        {
            builder.AddError("RetentionDays must be a number of days (0 keeps rows regardless of age).", $"{RequestLogOptions.Section}:RetentionDays");
        }

        if (double.IsNaN(options.StatisticsRetentionDays))
        {
            builder.AddError("StatisticsRetentionDays must be a number of days (0 keeps statistics regardless of age).", $"{RequestLogOptions.Section}:StatisticsRetentionDays");
        }

        if (options.DatabaseFile.IndexOfAny(['/', '\\']) >= 0 || options.DatabaseFile is "." or "..")
        {
            builder.AddError($"DatabaseFile '{options.DatabaseFile}' must be a file name inside the data directory, not a path.", $"{RequestLogOptions.Section}:DatabaseFile");
        }

        return builder.Build();
    }
}
