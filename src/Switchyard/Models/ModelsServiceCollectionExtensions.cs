using Microsoft.Extensions.DependencyInjection.Extensions;

using Switchyard.Foundation;
namespace Switchyard.Models;

internal static class ModelsServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates <see cref="ModelOptions"/> (section <c>Models</c>) and registers
    /// <see cref="ModelResolver"/> and <see cref="ModelCatalogView"/> as singletons.
    /// </summary>
    public static IServiceCollection AddModels(this IServiceCollection services)
    {
        services.AddGatewayOptions<ModelOptions>(ModelOptions.Section, new ModelOptionsValidator(), new ModelOptionsCustomValidator());
        services.TryAddSingleton<ModelResolver>();
        services.TryAddSingleton<ModelCatalogView>();
        return services;
    }
}
