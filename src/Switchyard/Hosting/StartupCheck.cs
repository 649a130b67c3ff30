using Microsoft.Extensions.Options;
using Switchyard.Foundation;

namespace Switchyard.Hosting;

/// <summary>
/// Reads every configuration section before the server starts and lists every problem at once:
/// unknown sections, values of the wrong type, unknown keys, and failed validation rules.
/// </summary>
internal static class StartupCheck
{
    /// <summary>The standard logging section, read by the logging framework itself (levels per category and provider).</summary>
    public const string PlatformLoggingSection = "Logging";

    /// <param name="fresh">Bind every section anew from the configuration as it is now (a reload's check) instead of the cached options.</param>
    public static List<string> Run(IServiceProvider services, IConfiguration configuration, bool fresh = false)
    {
        var errors = new List<string>();
        var registrations = services.GetServices<OptionsRegistration>().ToList();
        var known = registrations.Select(r => r.Section).Append(PlatformLoggingSection).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var child in configuration.GetChildren())
        {
            if (!known.Contains(child.Key))
            {
                errors.Add($"Unknown configuration section '{child.Key}'. Known sections: {string.Join(", ", known.Order(StringComparer.Ordinal))}.");
            }
        }

        foreach (var registration in registrations)
        {
            ConfigurationKeyCheck.Check(configuration.GetSection(registration.Section), registration.OptionsType, errors);
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        foreach (var registration in registrations)
        {
            try
            {
                _ = fresh ? registration.Create(services) : registration.Read(services);
            }
            catch (OptionsValidationException ex)
            {
                errors.AddRange(ex.Failures);
            }
            catch (InvalidOperationException ex)
            {
                errors.Add($"{registration.Section}: {ex.Message}");
            }
        }

        return errors;
    }
}
