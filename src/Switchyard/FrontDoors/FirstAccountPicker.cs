using Switchyard.Accounts;

namespace Switchyard.FrontDoors;

/// <summary>The first enabled account (registry order) whose token can be had; the next one when a token fails.</summary>
internal sealed class FirstAccountPicker(AccountRegistry registry, TokenManager tokens) : IAccountPicker
{
    public async Task<PickedAccount?> PickAsync(IReadOnlySet<string> exclude, CancellationToken cancellationToken)
    {
        foreach (var account in registry.Current.Enabled)
        {
            if (exclude.Contains(account.Id))
            {
                continue;
            }

            var token = await tokens.GetAccessTokenAsync(account.Id, cancellationToken);
            if (token.Token is { } access)
            {
                return new PickedAccount(account, access.Value);
            }
        }

        return null;
    }
}
