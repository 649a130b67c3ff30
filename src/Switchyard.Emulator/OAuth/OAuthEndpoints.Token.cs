using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Primitives;
using Switchyard.Emulator.CloudCode;
using Switchyard.Emulator.Faults;
using Switchyard.Emulator.State;

namespace Switchyard.Emulator.OAuth;

/// <summary><c>POST /token</c>: the authorization_code and refresh_token grants (spec §6.2).</summary>
internal static partial class OAuthEndpoints
{
    private static async Task TokenAsync(HttpContext http, EmulatorState state)
    {
        var (form, raw, formError) = await OAuthForm.ReadAsync(http);
        var entry = OAuthJournal.Entry(http, state, "token", raw);
        EmulatorReply reply;
        if (form is null)
        {
            entry.Outcome = "invalid_request";
            reply = OAuthErrors.InvalidRequest(formError ?? "Invalid request.");
        }
        else
        {
            reply = Token(http, state, entry, form);
        }

        await CloudCodeEndpoints.WriteAsync(http, state, entry, reply);
    }

    private static EmulatorReply Token(HttpContext http, EmulatorState state, JournalEntry entry, Dictionary<string, StringValues> form)
    {
        var grant = OAuthForm.Get(form, "grant_type");
        var code = OAuthForm.Get(form, "code");
        var refreshToken = OAuthForm.Get(form, "refresh_token");
        entry.GrantType = grant;
        lock (state.Gate)
        {
            entry.Email = grant switch
            {
                "authorization_code" when code is not null => state.Codes.GetValueOrDefault(code)?.Email,
                "refresh_token" when refreshToken is not null => state.RefreshTokens.GetValueOrDefault(refreshToken)?.Email,
                _ => null,
            };
        }

        if (state.Faults.Match(new FaultProbe(OAuthJournal.Label, "token", Email: entry.Email, GrantType: grant, Body: entry.Body)) is { } fault
            && OAuthFaults.Token(fault.Action) is { } faultReply)
        {
            entry.FaultId = fault.Id;
            entry.Outcome = "fault";
            return faultReply;
        }

        var reply = TokenCore(http, state, entry, form, grant, code, refreshToken);
        if (reply.Status != 200 && entry.Outcome is null && reply.Body is JsonObject body)
        {
            entry.Outcome = (string?)body["error"];
        }

        return reply;
    }

    private static JsonReply TokenCore(
        HttpContext http, EmulatorState state, JournalEntry entry, Dictionary<string, StringValues> form,
        string? grant, string? code, string? refreshToken)
    {
        if (grant is null)
        {
            return OAuthErrors.MissingParameter("grant_type");
        }

        if (grant is not ("authorization_code" or "refresh_token"))
        {
            return OAuthErrors.Reply("unsupported_grant_type", $"Invalid grant_type: {grant}");
        }

        var config = state.Config;
        var (clientId, clientSecret) = ClientCredentials(http, form);
        if (clientId is null)
        {
            return OAuthErrors.InvalidRequest("Could not determine client ID from request.");
        }

        if (OAuthClients.Find(config, clientId) is not { } client)
        {
            return OAuthErrors.ClientNotFound();
        }

        if (clientSecret is null)
        {
            return OAuthErrors.InvalidRequest("client_secret is missing.");
        }

        if (!OAuthClients.SecretMatches(client, clientSecret))
        {
            return OAuthErrors.WrongSecret();
        }

        return grant == "authorization_code"
            ? ExchangeCode(state, entry, config, form, clientId, code)
            : Refresh(state, entry, config, clientId, refreshToken);
    }

    private static JsonReply ExchangeCode(
        EmulatorState state, JournalEntry entry, EmulatorConfig config, Dictionary<string, StringValues> form, string clientId, string? code)
    {
        if (code is null)
        {
            return OAuthErrors.MissingParameter("code");
        }

        var redirectUri = OAuthForm.Get(form, "redirect_uri");
        if (redirectUri is null)
        {
            return OAuthErrors.MissingParameter("redirect_uri");
        }

        if (!code.StartsWith("4/", StringComparison.Ordinal))
        {
            return OAuthErrors.InvalidGrant("Malformed auth code.");
        }

        var verifier = OAuthForm.Get(form, "code_verifier");
        string email, scope;
        lock (state.Gate)
        {
            if (!state.Codes.TryGetValue(code, out var record) || record.Used || record.ExpiresAt <= state.Clock.GetUtcNow())
            {
                entry.Outcome = record is null ? "unknown-code" : record.Used ? "reused-code" : "expired-code";
                return OAuthErrors.InvalidGrant(OAuthErrors.BadRequest);
            }

            if (!string.Equals(record.ClientId, clientId, StringComparison.Ordinal))
            {
                return OAuthErrors.UnauthorizedClient();
            }

            if (!string.Equals(record.RedirectUri, redirectUri, StringComparison.Ordinal))
            {
                return OAuthErrors.Reply("redirect_uri_mismatch", OAuthErrors.BadRequest);
            }

            if (record.CodeChallenge is not null)
            {
                if (verifier is null)
                {
                    return OAuthErrors.InvalidGrant("Missing code verifier.");
                }

                if (!Pkce.Verifies(verifier, record.CodeChallenge))
                {
                    return OAuthErrors.InvalidGrant("Invalid code verifier.");
                }
            }

            if (!state.Accounts.ContainsKey(record.Email))
            {
                entry.Outcome = "unknown-account";
                return OAuthErrors.InvalidGrant(OAuthErrors.BadRequest);
            }

            record.Used = true;
            email = record.Email;
            scope = record.Scope;
        }

        return Grant(state, config, email, clientId, scope, withRefresh: true);
    }

    private static JsonReply Refresh(EmulatorState state, JournalEntry entry, EmulatorConfig config, string clientId, string? refreshToken)
    {
        if (refreshToken is null)
        {
            return OAuthErrors.MissingParameter("refresh_token");
        }

        string email;
        string? scope;
        lock (state.Gate)
        {
            if (!state.RefreshTokens.TryGetValue(refreshToken, out var record) || record.Revoked || !state.Accounts.ContainsKey(record.Email))
            {
                entry.Outcome = record is null ? "unknown-refresh-token" : "revoked-refresh-token";
                return OAuthErrors.InvalidGrant(OAuthErrors.ExpiredOrRevoked);
            }

            // A token issued to another accepted client cannot be used by this one. Tokens minted through the
            // control API belong to the built-in client; they stay usable when other clients are configured.
            if (record.ClientId is not null
                && !string.Equals(record.ClientId, clientId, StringComparison.Ordinal)
                && OAuthClients.Find(config, record.ClientId) is not null)
            {
                return OAuthErrors.UnauthorizedClient();
            }

            if (config.RotateRefreshTokens)
            {
                record.Revoked = true;
            }

            email = record.Email;
            scope = record.Scope;
        }

        return Grant(state, config, email, clientId, scope, withRefresh: config.RotateRefreshTokens);
    }

    /// <summary>The success body: access_token, expires_in, refresh_token?, scope, token_type, id_token (with openid).</summary>
    private static JsonReply Grant(EmulatorState state, EmulatorConfig config, string email, string clientId, string? scope, bool withRefresh)
    {
        var ttl = TimeSpan.FromSeconds(config.TokenTtlSeconds);
        var (access, refresh) = state.MintTokens(email, ttl, withRefresh, clientId, scope);
        var body = new JsonObject
        {
            ["access_token"] = access.Value,
            ["expires_in"] = config.TokenTtlSeconds,
        };
        if (refresh is not null)
        {
            body["refresh_token"] = refresh.Value;
        }

        if (scope is not null)
        {
            body["scope"] = scope;
        }

        body["token_type"] = "Bearer";
        if (scope is not null && scope.Split(' ').Contains("openid", StringComparer.Ordinal))
        {
            lock (state.Gate)
            {
                body["id_token"] = IdTokens.Create(state.Accounts[email], clientId, state.Clock.GetUtcNow(), ttl);
            }
        }

        return new JsonReply(200, body)
        {
            Headers = new Dictionary<string, string> { ["Cache-Control"] = "no-store", ["Pragma"] = "no-cache" },
        };
    }

    /// <summary>client_id and client_secret from the form, or from HTTP Basic authentication.</summary>
    private static (string? ClientId, string? ClientSecret) ClientCredentials(HttpContext http, Dictionary<string, StringValues> form)
    {
        var clientId = OAuthForm.Get(form, "client_id");
        var clientSecret = OAuthForm.Get(form, "client_secret");
        if (clientId is null
            && AuthenticationHeaderValue.TryParse(http.Request.Headers.Authorization.ToString(), out var header)
            && string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            && header.Parameter is { } parameter)
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(parameter));
                var colon = pair.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    clientId = Uri.UnescapeDataString(pair[..colon]);
                    clientSecret ??= Uri.UnescapeDataString(pair[(colon + 1)..]);
                }
            }
            catch (FormatException)
            {
                // Not base64: no client credentials.
            }
        }

        return (clientId, clientSecret);
    }
}
