using System.Security.Cryptography;
using System.Text;
using Switchyard.Upstream.Wire;

namespace Switchyard.Protocols.Shared;

/// <summary>
/// Tool names the upstream accepts: <c>^[A-Za-z_][A-Za-z0-9_.:-]{0,63}$</c> (a letter or underscore first, then
/// letters, digits, <c>_ . : -</c>, at most 64 in all). A client's name outside that (a leading digit, a space, an MCP
/// name over 64 characters) is sent as a valid name and every reply maps it back (<see cref="ToolNameMap"/>). The
/// upstream name is a function of the client's name alone, so it is the same on every turn: invalid characters become
/// <c>_</c>, a leading digit or other invalid first character gets a <c>_</c> before it, and a name still too long keeps
/// its first 55 characters plus <c>_</c> and 8 hex characters of a hash of the whole client name.
/// </summary>
internal static class ToolNames
{
    public const int MaxLength = 64;

    public static bool IsValid(string name)
    {
        if (name.Length is 0 or > MaxLength || !(char.IsAsciiLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }

        foreach (var c in name.AsSpan(1))
        {
            if (!IsAllowed(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The name sent upstream for <paramref name="name"/> (itself when valid).</summary>
    public static string ToUpstream(string name)
    {
        if (IsValid(name))
        {
            return name;
        }

        var sanitized = Sanitize(name);
        return sanitized.Length <= MaxLength ? sanitized : Hashed(name);
    }

    /// <summary>
    /// The first characters of the sanitized name, <c>_</c> and <paramref name="hexChars"/> hex characters of a hash of
    /// <paramref name="name"/> (64 characters at most in all): a valid name no other client name reaches.
    /// </summary>
    public static string Hashed(string name, int hexChars = 8)
    {
        var sanitized = Sanitize(name);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..hexChars];
        return sanitized[..Math.Min(sanitized.Length, MaxLength - hexChars - 1)] + "_" + hash;
    }

    /// <summary>Invalid characters as <c>_</c>, with a <c>_</c> first when the name does not start with a letter or underscore.</summary>
    private static string Sanitize(string name)
    {
        var builder = new StringBuilder(name.Length + 1);
        if (name.Length == 0 || !(char.IsAsciiLetter(name[0]) || name[0] == '_'))
        {
            builder.Append('_');
        }

        foreach (var c in name)
        {
            builder.Append(IsAllowed(c) ? c : '_');
        }

        return builder.ToString();
    }

    /// <summary>
    /// The envelope with every tool name valid (declarations, allowed names, calls and results in the history) and the
    /// map back, or the same envelope and null when every name already is.
    /// </summary>
    public static (UpstreamEnvelope Envelope, ToolNameMap? Map) Apply(UpstreamEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var request = envelope.Request;
        var names = Names(request).ToHashSet(StringComparer.Ordinal);
        if (names.All(IsValid))
        {
            return (envelope, null);
        }

        var map = ToolNameMap.For(names);
        var tools = request.Tools?.Select(t => t.FunctionDeclarations is null ? t : t with
        {
            FunctionDeclarations = t.FunctionDeclarations.Select(d => d with { Name = map.Upstream(d.Name) }).ToList(),
        }).ToList();
        var toolConfig = request.ToolConfig?.FunctionCallingConfig?.AllowedFunctionNames is { } allowed
            ? request.ToolConfig with
            {
                FunctionCallingConfig = request.ToolConfig.FunctionCallingConfig with { AllowedFunctionNames = allowed.Select(map.Upstream).ToList() },
            }
            : request.ToolConfig;
        var contents = request.Contents.Select(c => c with
        {
            Parts = c.Parts.Select(p => p.FunctionCall is { } call ? p with { FunctionCall = call with { Name = map.Upstream(call.Name) } }
                : p.FunctionResponse is { } response ? p with { FunctionResponse = response with { Name = map.Upstream(response.Name) } }
                : p).ToList(),
        }).ToList();
        return (envelope with { Request = request with { Tools = tools, ToolConfig = toolConfig, Contents = contents } }, map);
    }

    private static IEnumerable<string> Names(UpstreamRequest request)
    {
        foreach (var declaration in request.Tools?.SelectMany(t => t.FunctionDeclarations ?? []) ?? [])
        {
            yield return declaration.Name;
        }

        foreach (var name in request.ToolConfig?.FunctionCallingConfig?.AllowedFunctionNames ?? [])
        {
            yield return name;
        }

        foreach (var part in request.Contents.SelectMany(c => c.Parts))
        {
            if (part.FunctionCall is { } call)
            {
                yield return call.Name;
            }
            else if (part.FunctionResponse is { } response)
            {
                yield return response.Name;
            }
        }
    }

    private static bool IsAllowed(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or ':' or '-';
}
