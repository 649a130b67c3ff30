using Microsoft.AspNetCore.WebUtilities;
using Switchyard.Emulator.CloudCode;
using Switchyard.Emulator.State;

namespace Switchyard.Emulator.OAuth;

/// <summary>
/// Google OAuth (spec §6): authorize with an optional consent page, the token endpoint and userinfo.
/// Every call is journalled under the label <c>oauth</c> with its secrets redacted.
/// </summary>
internal static partial class OAuthEndpoints
{
    public const string ConsentPath = "/o/oauth2/v2/consent";

    /// <summary>Authorization codes live this long on the virtual clock.</summary>
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(10);

    public static void MapOAuth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/o/oauth2/v2/auth", AuthorizeAsync);
        app.MapGet("/o/oauth2/auth", AuthorizeAsync);
        app.MapPost(ConsentPath, ConsentAsync);
        app.MapPost("/token", TokenAsync);
        app.MapGet("/oauth2/v2/userinfo", UserInfoAsync);
        app.MapGet("/oauth2/v1/userinfo", UserInfoAsync);
    }

    private static Task AuthorizeAsync(HttpContext http, EmulatorState state)
    {
        var entry = OAuthJournal.Entry(http, state, "authorize");
        var reply = Authorize(state, entry, AuthorizeRequest.From(http.Request.Query));
        return CloudCodeEndpoints.WriteAsync(http, state, entry, reply);
    }

    private static EmulatorReply Authorize(EmulatorState state, JournalEntry entry, AuthorizeRequest request)
    {
        var config = state.Config;
        if (request.Validate(config) is { } error)
        {
            entry.Outcome = error.Error;
            return OAuthPages.Error(error.Error, error.Description);
        }

        List<EmulatedAccount> accounts;
        string? email = null;
        var approve = true;
        lock (state.Gate)
        {
            accounts = [.. state.AccountsInOrder()];
            if (config.AutoConsent)
            {
                if (state.ConsentQueue.TryDequeue(out var queued))
                {
                    // A deny queued without an email is stored with an empty one.
                    (email, approve) = (queued.Email.Length == 0 ? null : queued.Email, queued.Approve);
                }
                else
                {
                    email = accounts.FirstOrDefault()?.Email;
                }
            }
        }

        if (!config.AutoConsent)
        {
            if (accounts.Count == 0)
            {
                entry.Outcome = "no-accounts";
                return OAuthPages.Error("access_denied", "The emulator has no accounts to sign in with.");
            }

            entry.Outcome = "consent-page";
            return OAuthPages.Consent(request, accounts);
        }

        return Decide(state, entry, request, email, approve);
    }

    /// <summary>The consent page's form: the chosen account's button (<c>email</c>) or <c>action=deny</c>.</summary>
    private static async Task ConsentAsync(HttpContext http, EmulatorState state)
    {
        var (form, raw, formError) = await OAuthForm.ReadAsync(http);
        var entry = OAuthJournal.Entry(http, state, "consent", raw);
        EmulatorReply reply;
        if (form is null)
        {
            entry.Outcome = "invalid_request";
            reply = OAuthPages.Error("invalid_request", formError ?? "Invalid request.");
        }
        else if (AuthorizeRequest.From(form) is var request && request.Validate(state.Config) is { } error)
        {
            entry.Outcome = error.Error;
            reply = OAuthPages.Error(error.Error, error.Description);
        }
        else if (string.Equals(OAuthForm.Get(form, "action"), "deny", StringComparison.Ordinal))
        {
            reply = Decide(state, entry, request, OAuthForm.Get(form, "email"), approve: false);
        }
        else if (OAuthForm.Get(form, "email") is { } email)
        {
            reply = Decide(state, entry, request, email, approve: true);
        }
        else
        {
            entry.Outcome = "invalid_request";
            reply = OAuthPages.Error("invalid_request", "Choose an account or cancel.");
        }

        await CloudCodeEndpoints.WriteAsync(http, state, entry, reply);
    }

    /// <summary>Deny: redirect with <c>error=access_denied</c>. Approve: issue a code bound to the request and redirect with it.</summary>
    private static EmulatorReply Decide(EmulatorState state, JournalEntry entry, AuthorizeRequest request, string? email, bool approve)
    {
        entry.Email = email;
        if (!approve)
        {
            entry.Outcome = "access_denied";
            return Redirect(request.RedirectUri!, [new("error", "access_denied"), new("state", request.State)]);
        }

        AuthorizationCodeRecord code;
        lock (state.Gate)
        {
            if (email is null || !state.Accounts.TryGetValue(email, out var account))
            {
                entry.Outcome = "unknown-account";
                return OAuthPages.Error("access_denied", email is null
                    ? "The emulator has no accounts to sign in with."
                    : $"The account {email} does not exist (any more).");
            }

            var now = state.Clock.GetUtcNow();
            foreach (var stale in state.Codes.Values.Where(c => c.ExpiresAt <= now).Select(c => c.Code).ToList())
            {
                state.Codes.Remove(stale);
            }

            code = new AuthorizationCodeRecord
            {
                Code = "4/0emu-" + EmulatorState.RandomToken(),
                Email = account.Email,
                ClientId = request.ClientId!,
                RedirectUri = request.RedirectUri!,
                CodeChallenge = request.CodeChallenge,
                CodeChallengeMethod = request.CodeChallenge is null ? null : request.CodeChallengeMethod,
                Scope = request.GrantedScope,
                ExpiresAt = now + CodeLifetime,
            };
            state.Codes[code.Code] = code;
            entry.Email = account.Email;
        }

        entry.Outcome = "approved";
        return Redirect(request.RedirectUri!,
        [
            new("state", request.State), new("code", code.Code), new("scope", code.Scope),
            new("authuser", "0"), new("prompt", "consent"),
        ]);
    }

    private static RawReply Redirect(string redirectUri, KeyValuePair<string, string?>[] parameters) =>
        new(302, "", "")
        {
            Headers = new Dictionary<string, string>
            {
                ["Location"] = QueryHelpers.AddQueryString(redirectUri, parameters.Where(p => p.Value is not null)),
                ["Cache-Control"] = "no-store",
            },
        };
}
