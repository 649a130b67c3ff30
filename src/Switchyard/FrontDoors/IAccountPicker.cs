using Switchyard.Accounts;

namespace Switchyard.FrontDoors;

/// <summary>Chooses the account for one request. A stand-in until the scheduler takes this over.</summary>
internal interface IAccountPicker
{
    /// <summary>An enabled account with a usable access token, or null when there is none.</summary>
    Task<PickedAccount?> PickAsync(CancellationToken cancellationToken);
}

/// <summary>An account and a fresh access token for it.</summary>
internal sealed record PickedAccount(Account Account, string AccessToken);
