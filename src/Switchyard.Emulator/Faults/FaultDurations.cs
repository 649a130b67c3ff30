using System.Globalization;
using System.Text.Json.Nodes;

namespace Switchyard.Emulator.Faults;

/// <summary>
/// Reads durations in fault actions: a JSON number of seconds, or a string made of number+unit pieces with
/// units <c>h</c>, <c>m</c>, <c>s</c> and <c>ms</c> (<c>"40s"</c>, <c>"1.5s"</c>, <c>"2h13m5.12s"</c>, <c>"500ms"</c>).
/// </summary>
internal static class FaultDurations
{
    public static bool TryRead(JsonNode? node, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (node is not JsonValue value)
        {
            return false;
        }

        if (value.TryGetValue<double>(out var seconds))
        {
            if (seconds < 0 || double.IsNaN(seconds) || double.IsInfinity(seconds))
            {
                return false;
            }

            duration = TimeSpan.FromSeconds(seconds);
            return true;
        }

        return value.TryGetValue<string>(out var text) && TryParse(text, out duration);
    }

    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var span = text.AsSpan().Trim();
        if (span.IsEmpty)
        {
            return false;
        }

        var total = 0.0;
        while (!span.IsEmpty)
        {
            var digits = 0;
            while (digits < span.Length && (char.IsAsciiDigit(span[digits]) || span[digits] == '.'))
            {
                digits++;
            }

            if (digits == 0 || !double.TryParse(span[..digits], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            span = span[digits..];
            double unit;
            if (span.StartsWith("ms", StringComparison.Ordinal))
            {
                unit = 0.001;
                span = span[2..];
            }
            else if (!span.IsEmpty && span[0] is 'h' or 'm' or 's')
            {
                unit = span[0] switch { 'h' => 3600, 'm' => 60, _ => 1 };
                span = span[1..];
            }
            else
            {
                return false;
            }

            total += number * unit;
        }

        duration = TimeSpan.FromSeconds(total);
        return true;
    }
}
