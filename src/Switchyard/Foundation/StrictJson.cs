using System.Text.Json;
using System.Text.Unicode;

namespace Switchyard.Foundation;

/// <summary>
/// Checks a JSON body before anything decodes it, so hostile input is a 400 naming the problem instead of an
/// exception in a translator: invalid UTF-8, a string escape that is a lone surrogate, a key given twice in one
/// object (readers disagree on which copy wins), a number no double can hold (<c>1E400</c> would travel on as
/// Infinity), nesting deeper than <see cref="MaxDepth"/>, and anything that is not exactly one JSON value.
/// One forward pass; names are only materialised for the duplicate check. Thread-safe (no state).
/// </summary>
internal static class StrictJson
{
    /// <summary>Deepest nesting accepted (System.Text.Json's own default).</summary>
    public const int MaxDepth = 64;

    /// <summary>Null when <paramref name="json"/> is one well-formed JSON value, else the problem, phrased for the client.</summary>
    public static string? Check(ReadOnlySpan<byte> json)
    {
        if (!Utf8.IsValid(json))
        {
            return "The body is not valid UTF-8.";
        }

        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = MaxDepth });
        var names = new Stack<HashSet<string>?>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        names.Push(null);
                        break;
                    case JsonTokenType.EndObject:
                        names.Pop();
                        break;
                    case JsonTokenType.PropertyName:
                        var name = reader.GetString()!;
                        var seen = names.Pop() ?? new HashSet<string>(StringComparer.Ordinal);
                        names.Push(seen);
                        if (!seen.Add(name))
                        {
                            return $"The key '{BoundedText.Clip(name, 64)}' appears twice in one object (ending at byte {reader.BytesConsumed}); send each key once.";
                        }

                        break;
                    case JsonTokenType.String when reader.ValueIsEscaped:
                        // Unescaping is what finds a lone surrogate (\ud800 without its pair).
                        _ = reader.GetString();
                        break;
                    case JsonTokenType.Number:
                        if (!reader.TryGetDouble(out var number) || !double.IsFinite(number))
                        {
                            return $"A number (at byte {reader.TokenStartIndex}) is out of range; numbers must fit a 64-bit float.";
                        }

                        break;
                }
            }
        }
        catch (JsonException ex)
        {
            return "The body is not valid JSON: " + BoundedText.Clip(ex.Message, 300);
        }
        catch (InvalidOperationException)
        {
            return $"A string (at byte {reader.TokenStartIndex}) is not valid Unicode: an escape names a lone surrogate.";
        }

        return null;
    }
}
