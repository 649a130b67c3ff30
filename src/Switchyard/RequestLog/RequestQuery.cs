namespace Switchyard.RequestLog;

/// <summary>Filters of a request-list query; null means no filter. <see cref="Cursor"/> continues a previous page.</summary>
internal sealed record RequestQuery
{
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }
    public string? Protocol { get; init; }

    /// <summary>Matches the requested or the mapped model.</summary>
    public string? Model { get; init; }

    /// <summary>Matches the account id or e-mail.</summary>
    public string? Account { get; init; }

    /// <summary>An exact status, or with <see cref="StatusClass"/> a class (4 for 4xx).</summary>
    public int? Status { get; init; }

    public int? StatusClass { get; init; }

    public string? SessionHash { get; init; }

    public bool ErrorsOnly { get; init; }

    public int Limit { get; init; } = 50;

    public RequestCursor? Cursor { get; init; }
}

/// <summary>Keyset position: the page continues with rows strictly older than (StartedAtMs, Id).</summary>
internal sealed record RequestCursor(long StartedAtMs, string Id)
{
    public override string ToString() => $"{StartedAtMs}.{Id}";

    public static bool TryParse(string? text, out RequestCursor? cursor)
    {
        cursor = null;
        var dot = text?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        if (text is null || dot <= 0 || dot == text.Length - 1
            || !long.TryParse(text.AsSpan(0, dot), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ms))
        {
            return false;
        }

        var id = text[(dot + 1)..];
        if (id.Length > 64 || !id.All(char.IsAsciiLetterOrDigit))
        {
            return false;
        }

        cursor = new RequestCursor(ms, id);
        return true;
    }
}
