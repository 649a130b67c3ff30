using System.Text;
using System.Text.RegularExpressions;

namespace Switchyard.Hosting.Connect;

/// <summary>
/// Line-based edits of a TOML file that keep everything the edit does not touch (comments, order, other tables):
/// set top-level keys, set keys inside a table, or replace a table's whole body. Values are TOML literals, written as
/// given (<see cref="String"/> quotes a string). A table the file writes in a form these edits cannot change safely
/// (dotted keys or an inline table) makes <see cref="InvalidDataException"/>, so nothing half-edited is written.
/// </summary>
internal sealed partial class TomlEditor
{
    private readonly List<Region> _regions = [];

    public TomlEditor(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var current = new Region(null);
        _regions.Add(current);
        string? openQuote = null;
        foreach (var line in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (openQuote is null && Header().Match(line) is { Success: true } header)
            {
                current = new Region(header.Groups["name"].Value.Trim());
                _regions.Add(current);
            }

            current.Lines.Add(new Line(line, openQuote is not null));
            openQuote = QuoteStateAfter(line, openQuote);
        }

        // A final newline leaves one empty line at the end: written back by Render.
        if (_regions[^1].Lines is [.., { Text: "" }] lines)
        {
            lines.RemoveAt(lines.Count - 1);
        }
    }

    /// <summary>A TOML basic string.</summary>
    public static string String(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    /// <summary>Sets <paramref name="key"/> before the first table.</summary>
    public void SetTopLevel(string key, string value)
    {
        var top = _regions[0];
        var wasEmpty = top.Lines.TrueForAll(l => l.Text.Trim().Length == 0);
        Set(top, key, value, atEnd: false);
        if (wasEmpty && _regions.Count > 1 && top.Lines[^1].Text.Trim().Length > 0)
        {
            top.Lines.Add(new Line("", false));
        }
    }

    /// <summary>Sets <paramref name="key"/> in <c>[table]</c>, adding the table at the end when absent.</summary>
    public void SetInTable(string table, string key, string value)
    {
        CheckNotDotted(table);
        Set(Find(table) ?? Add(table), key, value, atEnd: true);
    }

    /// <summary>Replaces the body of <c>[table]</c> with <paramref name="entries"/>, adding the table when absent.</summary>
    public void ReplaceTable(string table, IEnumerable<(string Key, string Value)> entries)
    {
        CheckNotDotted(table);
        var region = Find(table) ?? Add(table);
        var header = region.Lines[0];
        var trailingBlank = region.Lines.Count > 1 && region.Lines[^1].Text.Trim().Length == 0;
        region.Lines.Clear();
        region.Lines.Add(header);
        region.Lines.AddRange(entries.Select(e => new Line($"{e.Key} = {e.Value}", false)));
        if (trailingBlank)
        {
            region.Lines.Add(new Line("", false));
        }
    }

    public string Render()
    {
        var text = new StringBuilder();
        foreach (var line in _regions.SelectMany(r => r.Lines))
        {
            text.Append(line.Text).Append('\n');
        }

        return text.ToString();
    }

    private Region? Find(string table) => _regions.Skip(1).FirstOrDefault(r => r.Table == table);

    private Region Add(string table)
    {
        var last = _regions[^1];
        if (last.Lines.Count > 0 && last.Lines[^1].Text.Trim().Length > 0)
        {
            last.Lines.Add(new Line("", false));
        }

        var region = new Region(table);
        region.Lines.Add(new Line($"[{table}]", false));
        _regions.Add(region);
        return region;
    }

    private static void Set(Region region, string key, string value, bool atEnd)
    {
        var pattern = new Regex(@"^\s*(" + Regex.Escape(key) + "|\"" + Regex.Escape(key) + "\")\\s*=", RegexOptions.CultureInvariant);
        var text = $"{key} = {value}";
        var index = region.Lines.FindIndex(l => !l.InString && pattern.IsMatch(l.Text));
        if (index >= 0)
        {
            region.Lines[index] = new Line(text, false);
            return;
        }

        if (!atEnd)
        {
            // Before the blank lines that end the top of the file, so the key stays with the other top-level keys.
            var at = region.Lines.Count;
            while (at > 0 && region.Lines[at - 1].Text.Trim().Length == 0)
            {
                at--;
            }

            region.Lines.Insert(at, new Line(text, false));
            return;
        }

        var end = region.Lines.Count;
        while (end > 1 && region.Lines[end - 1].Text.Trim().Length == 0)
        {
            end--;
        }

        region.Lines.Insert(end, new Line(text, false));
    }

    /// <summary>Refuses a table the file also writes as dotted keys or an inline table (<c>a.b = …</c>, <c>b = { … }</c> under <c>[a]</c>).</summary>
    private void CheckNotDotted(string table)
    {
        var dot = table.LastIndexOf('.');
        var (parent, leaf) = dot < 0 ? ((string?)null, table) : (table[..dot], table[(dot + 1)..]);
        foreach (var region in _regions)
        {
            var prefix = region.Table is null ? table : region.Table == parent ? leaf : null;
            if (prefix is null)
            {
                continue;
            }

            var pattern = new Regex(@"^\s*" + Regex.Escape(prefix) + @"\s*(\.|=)", RegexOptions.CultureInvariant);
            var inlineParent = region.Table is null && parent is not null ? new Regex(@"^\s*" + Regex.Escape(parent) + @"\s*=", RegexOptions.CultureInvariant) : null;
            if (region.Lines.Exists(l => !l.InString && (pattern.IsMatch(l.Text) || inlineParent?.IsMatch(l.Text) == true)))
            {
                throw new InvalidDataException($"The file sets [{table}] with dotted keys or an inline table; edit it by hand (nothing was written).");
            }
        }
    }

    /// <summary>Whether a multi-line string is still open after <paramref name="line"/>.</summary>
    private static string? QuoteStateAfter(string line, string? open)
    {
        var at = 0;
        while (true)
        {
            if (open is not null)
            {
                var close = line.IndexOf(open, at, StringComparison.Ordinal);
                if (close < 0)
                {
                    return open;
                }

                at = close + 3;
                open = null;
                continue;
            }

            var comment = line.IndexOf('#', at);
            var basic = line.IndexOf("\"\"\"", at, StringComparison.Ordinal);
            var literal = line.IndexOf("'''", at, StringComparison.Ordinal);
            var next = basic < 0 ? literal : literal < 0 ? basic : Math.Min(basic, literal);
            if (next < 0 || (comment >= 0 && comment < next))
            {
                return null;
            }

            open = next == basic ? "\"\"\"" : "'''";
            at = next + 3;
        }
    }

    [GeneratedRegex(@"^\s*\[\[?(?<name>[^\]]+)\]\]?\s*(#.*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Header();

    private sealed record Line(string Text, bool InString);

    private sealed class Region(string? table)
    {
        public string? Table { get; } = table;

        public List<Line> Lines { get; } = [];
    }
}
