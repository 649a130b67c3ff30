using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Switchyard.Emulator.Generation;

/// <summary>
/// <c>[[emu:…]]</c> directives in the last user text (spec §8.3): <c>text S</c>, <c>call NAME {json}</c>
/// (repeatable), <c>think N</c>, <c>len N</c>, <c>maxtokens</c>, <c>image</c>, <c>empty</c>, <c>fault PRESET</c>.
/// When the last user turn holds only tool results, directives in their outputs are read instead, so a tool
/// whose output is a directive chains the next step of a multi-step loop (e.g. a Bash command that echoes
/// <c>[[emu:call Bash {…}]]</c>). Unknown or malformed directives are ignored.
/// </summary>
internal sealed record Directives
{
    private const string Open = "[[emu:";
    private const string Close = "]]";

    public bool Any { get; private init; }
    public string? Text { get; private init; }
    public IReadOnlyList<PlannedCall> Calls { get; private init; } = [];
    public int? ThinkWords { get; private init; }
    public int? LenTokens { get; private init; }
    public bool MaxTokens { get; private init; }
    public bool Image { get; private init; }
    public bool Empty { get; private init; }
    public string? Fault { get; private init; }

    public static Directives Parse(string? input)
    {
        if (string.IsNullOrEmpty(input) || !input.Contains(Open, StringComparison.Ordinal))
        {
            return new Directives();
        }

        var result = new Directives();
        var calls = new List<PlannedCall>();
        var pos = 0;
        while ((pos = input.IndexOf(Open, pos, StringComparison.Ordinal)) >= 0)
        {
            var cursor = pos + Open.Length;
            var nameEnd = cursor;
            while (nameEnd < input.Length && char.IsAsciiLetter(input[nameEnd]))
            {
                nameEnd++;
            }

            var name = input[cursor..nameEnd].ToLowerInvariant();
            cursor = nameEnd;
            if (name == "call")
            {
                if (ParseCall(input, ref cursor) is { } call)
                {
                    calls.Add(call);
                    result = result with { Any = true };
                }
            }

            var close = input.IndexOf(Close, cursor, StringComparison.Ordinal);
            if (close < 0)
            {
                break;
            }

            var arg = input[cursor..close].Trim();
            pos = close + Close.Length;
            result = name switch
            {
                "text" => result with { Any = true, Text = arg },
                "think" when int.TryParse(arg, NumberStyles.None, CultureInfo.InvariantCulture, out var n) => result with { Any = true, ThinkWords = n },
                "len" when int.TryParse(arg, NumberStyles.None, CultureInfo.InvariantCulture, out var n) => result with { Any = true, LenTokens = n },
                "maxtokens" => result with { Any = true, MaxTokens = true },
                "image" => result with { Any = true, Image = true },
                "empty" => result with { Any = true, Empty = true },
                "fault" when arg.Length > 0 => result with { Any = true, Fault = arg },
                _ => result,
            };
        }

        return result with { Calls = calls };
    }

    /// <summary>Reads <c> NAME {json}</c> after <c>[[emu:call</c>; leaves <paramref name="cursor"/> after the JSON.</summary>
    private static PlannedCall? ParseCall(string input, ref int cursor)
    {
        var i = cursor;
        while (i < input.Length && char.IsWhiteSpace(input[i]))
        {
            i++;
        }

        var nameStart = i;
        while (i < input.Length && !char.IsWhiteSpace(input[i]) && input[i] != ']' && input[i] != '{')
        {
            i++;
        }

        if (i == nameStart)
        {
            return null;
        }

        var name = input[nameStart..i];
        while (i < input.Length && char.IsWhiteSpace(input[i]))
        {
            i++;
        }

        var args = "{}";
        if (i < input.Length && input[i] == '{')
        {
            // The JSON may itself contain "]]", so find its end with a reader rather than a search.
            var bytes = Encoding.UTF8.GetBytes(input[i..]);
            var reader = new Utf8JsonReader(bytes);
            try
            {
                if (reader.Read() && reader.TrySkip())
                {
                    var consumed = (int)reader.BytesConsumed;
                    args = JsonNode.Parse(bytes.AsSpan(0, consumed)) is JsonObject o ? o.ToJsonString() : "{}";
                    i += Encoding.UTF8.GetCharCount(bytes, 0, consumed);
                }
            }
            catch (JsonException)
            {
                // Malformed arguments: call with none.
            }
        }

        cursor = i;
        return new PlannedCall(name, args);
    }
}
