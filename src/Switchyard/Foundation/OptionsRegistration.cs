using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;

namespace Switchyard.Foundation;

/// <summary>
/// A configuration section bound to an options type; the start-up check reads each one. <see cref="Create"/> binds and
/// validates a fresh instance from the configuration as it is now (a reload's check), where <see cref="Read"/> gives the cached one.
/// </summary>
internal sealed record OptionsRegistration(
    string Section,
    [param: DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)]
    [property: DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)]
    Type OptionsType,
    Func<IServiceProvider, object> Read,
    Func<IServiceProvider, object> Create);

internal static class OptionsRegistrationExtensions
{
    /// <summary>
    /// Binds <typeparamref name="T"/> to <paramref name="section"/> (unknown keys are errors), validates it
    /// on start with the given validators, and records it for the start-up check (<c>Hosting.StartupCheck</c>).
    /// </summary>
    public static IServiceCollection AddGatewayOptions<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor | DynamicallyAccessedMemberTypes.PublicProperties)] T>(
        this IServiceCollection services, string section, params IValidateOptions<T>[] validators)
        where T : class, IGatewayOptions<T>
    {
        services.AddOptions<T>()
            .Configure<IConfiguration>((options, configuration) => T.Bind(configuration.GetSection(section), options))
            .ValidateOnStart();
        services.AddSingleton<IOptionsChangeTokenSource<T>>(sp => new ConfigurationChangeTokenSource<T>(Options.DefaultName, sp.GetRequiredService<IConfiguration>()));
        foreach (var validator in validators)
        {
            services.AddSingleton(validator);
        }

        services.AddSingleton(new OptionsRegistration(section, typeof(T), sp => sp.GetRequiredService<IOptions<T>>().Value,
            sp => sp.GetRequiredService<IOptionsFactory<T>>().Create(Options.DefaultName)));
        return services;
    }
}
