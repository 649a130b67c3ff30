namespace Switchyard.Emulator.State;

/// <summary>Case-insensitive glob with <c>*</c> and <c>?</c>, used by fault rules, scripts and journal filters.</summary>
internal static class Glob
{
    public static bool IsMatch(string? pattern, string? value)
    {
        if (pattern is null)
        {
            return true;
        }

        return value is not null && Match(pattern.AsSpan(), value.AsSpan());
    }

    private static bool Match(ReadOnlySpan<char> p, ReadOnlySpan<char> v)
    {
        int pi = 0, vi = 0, star = -1, mark = 0;
        while (vi < v.Length)
        {
            if (pi < p.Length && (p[pi] == '?' || char.ToLowerInvariant(p[pi]) == char.ToLowerInvariant(v[vi])))
            {
                pi++;
                vi++;
            }
            else if (pi < p.Length && p[pi] == '*')
            {
                star = pi++;
                mark = vi;
            }
            else if (star >= 0)
            {
                pi = star + 1;
                vi = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (pi < p.Length && p[pi] == '*')
        {
            pi++;
        }

        return pi == p.Length;
    }
}
