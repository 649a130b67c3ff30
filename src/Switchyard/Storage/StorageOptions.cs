using Switchyard.Foundation;
using System.ComponentModel.DataAnnotations;

namespace Switchyard.Storage;

/// <summary>The SQLite database in the data directory. Section <c>Storage</c>.</summary>
internal sealed class StorageOptions : IGatewayOptions<StorageOptions>
{
    public const string Section = "Storage";

    /// <inheritdoc/>
    public static void Bind(IConfiguration section, StorageOptions options) => section.Bind(options, o => o.ErrorOnUnknownConfiguration = true);

    /// <summary>File name of the database inside the data directory.</summary>
    [Required]
    public string DatabaseFile { get; set; } = "switchyard.db";

    /// <summary>How long a writer waits for another process's lock before giving up (SQLite busy_timeout).</summary>
    [Range(0, 600)]
    public double BusyTimeoutSeconds { get; set; } = 5;

    /// <summary>
    /// The most the data directory may hold, in megabytes (0: no budget). Over it, the request log's oldest rows
    /// (then the oldest hourly statistics) are deleted until it fits; what cannot be freed is reported (a warning,
    /// <c>switchyard_data_dir_bytes</c> in /metrics, <c>GET /admin/api/storage</c>), never passed silently.
    /// </summary>
    [Range(0, 16_777_216)]
    public long DataBudgetMegabytes { get; set; } = 2048;
}

/// <summary>Attribute rules of <see cref="StorageOptions"/>, generated at build time.</summary>
[Microsoft.Extensions.Options.OptionsValidator]
internal sealed partial class StorageOptionsValidator : Microsoft.Extensions.Options.IValidateOptions<StorageOptions>;
