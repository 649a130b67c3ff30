using System.Globalization;
using System.Text.RegularExpressions;
using Switchyard.Protocols.Gemini;

namespace Switchyard.Recovery;

/// <summary>
/// An upstream 400 read for repair: its kind and, where the text names them, the <c>messages.N</c> index (an index
/// into <c>contents</c>), the block index and the tool ids. The texts are those of upstream-protocol §5.5, matched
/// loosely (case, backticks) the way the known clients match them.
/// </summary>
internal sealed partial record UpstreamRejection(RejectionKind Kind, string Message, int? Index, int? Block, IReadOnlyList<string> Ids)
{
    public static UpstreamRejection Read(int status, string? body)
    {
        var message = UpstreamErrorBody.Read(status, body).Message;
        if (status != 400)
        {
            return new UpstreamRejection(RejectionKind.Other, message, null, null, []);
        }

        var kind = Classify(message);
        var location = LocationPattern().Match(message);
        int? index = location.Success ? int.Parse(location.Groups[1].Value, CultureInfo.InvariantCulture) : null;
        int? block = location.Success && location.Groups[2].Success ? int.Parse(location.Groups[2].Value, CultureInfo.InvariantCulture) : null;
        IReadOnlyList<string> ids = kind switch
        {
            RejectionKind.ToolResultMissing when MissingIdsPattern().Match(message) is { Success: true } m =>
                m.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            RejectionKind.UnexpectedToolResult when UnexpectedIdPattern().Match(message) is { Success: true } m => [m.Groups[1].Value],
            _ => [],
        };
        return new UpstreamRejection(kind, message, index, block, ids);
    }

    public static RejectionKind Classify(string message)
    {
        var m = message.ToLowerInvariant().Replace("`", "", StringComparison.Ordinal);
        if (PromptTooLong.Matches(message))
        {
            return RejectionKind.PromptTooLong;
        }

        if (m.Contains("assistant message prefill", StringComparison.Ordinal))
        {
            return RejectionKind.AssistantPrefill;
        }

        if (m.Contains("thinking is disabled", StringComparison.Ordinal) && m.Contains("cannot contain", StringComparison.Ordinal))
        {
            return RejectionKind.ThinkingDisabled;
        }

        if (m.Contains("thinking", StringComparison.Ordinal)
            && (m.Contains("must start with", StringComparison.Ordinal)
                || m.Contains("first block", StringComparison.Ordinal)
                || m.Contains("preceeding", StringComparison.Ordinal)
                || m.Contains("preceding", StringComparison.Ordinal)
                || ((m.Contains("expected thinking", StringComparison.Ordinal) || m.Contains("expected a thinking", StringComparison.Ordinal))
                    && m.Contains("found", StringComparison.Ordinal))))
        {
            return RejectionKind.ThinkingOrder;
        }

        // The thinking-order text also names tool_use and tool_result blocks, so it is matched first.
        if (m.Contains("tool_use", StringComparison.Ordinal) && m.Contains("tool_result", StringComparison.Ordinal))
        {
            return m.Contains("unexpected", StringComparison.Ordinal) || m.Contains("corresponding tool_use block in the previous", StringComparison.Ordinal)
                ? RejectionKind.UnexpectedToolResult
                : RejectionKind.ToolResultMissing;
        }

        if (m.Contains("corrupted thought signature", StringComparison.Ordinal))
        {
            return RejectionKind.CorruptedSignature;
        }

        if (m.Contains("missing a thought_signature", StringComparison.Ordinal))
        {
            return RejectionKind.GeminiSignatureMissing;
        }

        if (m.Contains("invalid signature", StringComparison.Ordinal)
            || m.Contains("thinking.signature", StringComparison.Ordinal)
            || m.Contains("thinking.thinking", StringComparison.Ordinal)
            || (m.Contains(".thinking.", StringComparison.Ordinal) && m.Contains("extra inputs", StringComparison.Ordinal))
            || m.Contains("in thinking block", StringComparison.Ordinal))
        {
            return RejectionKind.InvalidThinking;
        }

        return RejectionKind.Other;
    }

    [GeneratedRegex(@"messages\.(\d+)(?:\.content\.(\d+))?")]
    private static partial Regex LocationPattern();

    [GeneratedRegex(@"without `?tool_result`? blocks immediately after: ([^.]+)\.")]
    private static partial Regex MissingIdsPattern();

    [GeneratedRegex(@"found in `?tool_result`? blocks: ([^\s.]+)")]
    private static partial Regex UnexpectedIdPattern();
}
