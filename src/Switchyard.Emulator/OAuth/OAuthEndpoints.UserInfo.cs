using System.Text.Json.Nodes;
using Switchyard.Emulator.CloudCode;
using Switchyard.Emulator.Faults;
using Switchyard.Emulator.State;

namespace Switchyard.Emulator.OAuth;

/// <summary><c>GET /oauth2/v2/userinfo</c> and <c>GET /oauth2/v1/userinfo?alt=json</c> (spec §6.3).</summary>
internal static partial class OAuthEndpoints
{
    private static Task UserInfoAsync(HttpContext http, EmulatorState state)
    {
        var entry = OAuthJournal.Entry(http, state, "userinfo");
        var reply = UserInfo(http, state, entry);
        return CloudCodeEndpoints.WriteAsync(http, state, entry, reply);
    }

    private static EmulatorReply UserInfo(HttpContext http, EmulatorState state, JournalEntry entry)
    {
        var token = CloudCodeEndpoints.BearerToken(http);
        if (token is not null)
        {
            lock (state.Gate)
            {
                entry.Email = state.AccessTokens.GetValueOrDefault(token)?.Email;
            }
        }

        if (state.Faults.Match(new FaultProbe(OAuthJournal.Label, "userinfo", Email: entry.Email)) is { } fault
            && OAuthFaults.UserInfo(fault.Action) is { } faultReply)
        {
            entry.FaultId = fault.Id;
            entry.Outcome = "fault";
            return faultReply;
        }

        if (token is null)
        {
            entry.Outcome = "unauthenticated";
            return GoogleErrors.MissingCredential();
        }

        if (state.FindLiveAccessToken(token) is not { } record)
        {
            entry.Outcome = "invalid-token";
            return GoogleErrors.InvalidCredential();
        }

        lock (state.Gate)
        {
            if (!state.Accounts.TryGetValue(record.Email, out var account))
            {
                entry.Outcome = "invalid-token";
                return GoogleErrors.InvalidCredential();
            }

            return new JsonReply(200, Profile(account, record.Scope));
        }
    }

    /// <summary>
    /// The profile, limited by the token's scopes as Google does: email fields need an email scope, name and
    /// picture a profile scope. A token without recorded scopes (minted through the control API) sees everything.
    /// </summary>
    private static JsonObject Profile(EmulatedAccount account, string? scope)
    {
        var scopes = scope?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var email = scopes is null || scopes.Any(s => s is "email" || s.EndsWith("/userinfo.email", StringComparison.Ordinal));
        var profile = scopes is null || scopes.Any(s => s is "profile" || s.EndsWith("/userinfo.profile", StringComparison.Ordinal));
        var body = new JsonObject { ["id"] = account.Sub };
        if (email)
        {
            body["email"] = account.Email;
            body["verified_email"] = true;
        }

        if (profile)
        {
            var (given, family) = Names.Split(account.Name);
            body["name"] = account.Name;
            body["given_name"] = given;
            if (family is not null)
            {
                body["family_name"] = family;
            }

            body["picture"] = Names.Picture(account);
        }

        if (account.Hd is not null)
        {
            body["hd"] = account.Hd;
        }

        return body;
    }
}
