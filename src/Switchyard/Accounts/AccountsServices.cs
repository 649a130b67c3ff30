using Microsoft.Extensions.DependencyInjection.Extensions;
using Switchyard.Foundation;
using Switchyard.Storage;
using Switchyard.Upstream;

namespace Switchyard.Accounts;

internal static class AccountsServices
{
    /// <summary>Storage, OAuth, Cloud Code provisioning, the account pool, and tokens, with their options.</summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddGatewayOptions<StorageOptions>(StorageOptions.Section, new StorageOptionsValidator());
        services.AddGatewayOptions<OAuthOptions>(OAuthOptions.Section, new OAuthOptionsValidator(), new OAuthOptionsCustomValidator());
        services.AddGatewayOptions<AccountsOptions>(AccountsOptions.Section, new AccountsOptionsValidator());
        services.AddGatewayOptions<UpstreamOptions>(UpstreamOptions.Section, new UpstreamOptionsValidator(), new UpstreamOptionsCustomValidator());

        // No per-call logging handlers: four console lines per upstream call cost a fifth of the gateway's CPU
        // under load (BENCHMARKS.md); failures are logged by the callers with what matters.
        services.AddHttpClient(GoogleOAuthClient.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers()
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        services.AddHttpClient(CloudCodeClient.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers()
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => SecretBox.ForDataDirectory(DataDirectory.Ensure(sp.GetRequiredService<GatewayPaths>().DataDir)));
        services.TryAddSingleton<SwitchyardDb>();
        services.TryAddSingleton<AccountStore>();
        services.TryAddSingleton<PoolClearStore>();
        services.TryAddSingleton<GoogleOAuthClient>();
        services.TryAddSingleton<CloudCodeClient>();
        services.TryAddSingleton<ClientVersionMonitor>();
        services.TryAddSingleton<AccountProvisioner>();
        services.TryAddSingleton<AccountRegistry>();
        services.TryAddSingleton<TokenManager>();
        services.TryAddSingleton<TokenRefresher>();
        services.TryAddSingleton<IBrowserLauncher, SystemBrowserLauncher>();
        services.TryAddSingleton<LoginFlow>();
        services.TryAddSingleton<AccountImporter>();
        services.TryAddSingleton<AccountExporter>();
        return services;
    }

    /// <summary>The background parts that run inside the server: pool reload and token refresh.</summary>
    public static IServiceCollection AddAccountsBackground(this IServiceCollection services)
    {
        services.AddHostedService(sp => sp.GetRequiredService<AccountRegistry>());
        services.AddHostedService(sp => sp.GetRequiredService<TokenRefresher>());
        return services;
    }
}
