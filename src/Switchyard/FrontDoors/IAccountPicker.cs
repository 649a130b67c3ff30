using Switchyard.Accounts;

namespace Switchyard.FrontDoors;

/// <summary>Chooses the account for one request. A stand-in until the scheduler takes this over.</summary>
internal interface IAccountPicker
{
    /// <summary>An enabled account, not in <paramref name="exclude"/>, with a usable access token; null when there is none.</summary>
    Task<PickedAccount?> PickAsync(IReadOnlySet<string> exclude, CancellationToken cancellationToken);
}

/// <summary>An account and a fresh access token for it.</summary>
internal sealed record PickedAccount(Account Account, string AccessToken);
