using System.Net;
using System.Text;
using Switchyard.Emulator.CloudCode;
using Switchyard.Emulator.State;

namespace Switchyard.Emulator.OAuth;

/// <summary>The HTML the authorize endpoint shows: error pages and the account chooser.</summary>
internal static class OAuthPages
{
    private const string Html = "text/html; charset=utf-8";

    /// <summary>A 400 error page. Authorize never redirects to a client or redirect URI it could not verify.</summary>
    public static RawReply Error(string error, string description) => new(400, Html, $"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>Error 400: {E(error)}</title></head>
        <body>
        <h1>Access blocked: Authorization Error</h1>
        <p id="error-code">Error 400: <span id="error">{E(error)}</span></p>
        <p id="error-description">{E(description)}</p>
        </body></html>
        """)
    {
        Headers = NoStore,
    };

    /// <summary>"Choose an account": one approve button per account (<c>button[data-email]</c>) and <c>#deny</c>.</summary>
    public static RawReply Consent(AuthorizeRequest request, IReadOnlyList<EmulatedAccount> accounts)
    {
        var html = new StringBuilder();
        html.Append($"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Sign in - Google Accounts (emulated)</title></head>
            <body>
            <h1>Choose an account</h1>
            <p>to continue to <span id="client-id">{E(request.ClientId)}</span></p>
            <p id="scopes">{E(request.Scope)}</p>
            <form id="consent" method="post" action="{OAuthEndpoints.ConsentPath}">

            """);
        foreach (var (name, value) in request.FormFields())
        {
            html.Append($"""<input type="hidden" name="{E(name)}" value="{E(value)}">""").Append('\n');
        }

        html.Append("<ul id=\"accounts\">\n");
        foreach (var account in accounts)
        {
            html.Append($"""<li><button type="submit" name="email" value="{E(account.Email)}" data-email="{E(account.Email)}">{E(account.Name)} &lt;{E(account.Email)}&gt;</button></li>""")
                .Append('\n');
        }

        html.Append("""
            </ul>
            <button type="submit" id="deny" name="action" value="deny">Cancel</button>
            </form>
            </body></html>
            """);
        return new RawReply(200, Html, html.ToString()) { Headers = NoStore };
    }

    private static Dictionary<string, string> NoStore => new() { ["Cache-Control"] = "no-store" };

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
}
