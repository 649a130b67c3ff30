using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;

namespace Switchyard.Hosting;

/// <summary>
/// Walks a configuration section against its options type and reports every unknown key and every value
/// that cannot be converted, each by its full key, so one start lists all the mistakes in a file. Trim-safe: a
/// section's options type keeps its public properties (<c>OptionsRegistration.OptionsType</c>), and a type nested in
/// one is kept by a <c>DynamicDependency</c> on its section's <c>Bind</c> method.
/// </summary>
internal static class ConfigurationKeyCheck
{
    public static void Check(IConfigurationSection section, [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] Type type, List<string> errors)
    {
        foreach (var child in section.GetChildren())
        {
            var property = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .FirstOrDefault(p => p.Name.Equals(child.Key, StringComparison.OrdinalIgnoreCase));
            if (property is null || (!property.CanWrite && !IsCollection(property.PropertyType)))
            {
                errors.Add($"Unknown key '{child.Path}'.");
                continue;
            }

            CheckValue(child, property.PropertyType, errors);
        }
    }

    [UnconditionalSuppressMessage("Trimming", "IL2067", Justification = "Nested options types are kept by DynamicDependency on their section's Bind method (see the type's summary).")]
    private static void CheckValue(IConfigurationSection section, Type type, List<string> errors)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target == typeof(string))
        {
            return;
        }

        if (IsScalar(target))
        {
            if (section.Value is null)
            {
                if (section.GetChildren().Any())
                {
                    errors.Add($"'{section.Path}' must be a single value, not a section.");
                }

                return;
            }

            if (!TryConvert(section.Value, target))
            {
                errors.Add($"'{section.Path}': '{section.Value}' is not a valid {Describe(target)}.");
            }

            return;
        }

        if (ElementType(target) is { } element)
        {
            foreach (var item in section.GetChildren())
            {
                CheckValue(item, element, errors);
            }

            return;
        }

        if (target.IsClass)
        {
            Check(section, target, errors);
        }
    }

    private static bool IsScalar(Type t) => t.IsPrimitive || t.IsEnum || t == typeof(decimal) || t == typeof(TimeSpan)
        || t == typeof(DateTimeOffset) || t == typeof(DateTime) || t == typeof(Uri) || t == typeof(Guid);

    private static bool IsCollection(Type t) => t != typeof(string) && typeof(IEnumerable).IsAssignableFrom(t);

    private static Type? ElementType(Type t)
    {
        if (t.IsArray)
        {
            return t.GetElementType();
        }

        if (t.IsGenericType && IsCollection(t))
        {
            var args = t.GetGenericArguments();
            return args.Length == 1 ? args[0] : args.Length == 2 ? args[1] : null;
        }

        return null;
    }

    private static bool TryConvert(string value, Type target)
    {
        var c = CultureInfo.InvariantCulture;
        return target switch
        {
            _ when target.IsEnum => Enum.TryParse(target, value, ignoreCase: true, out _),
            _ when target == typeof(bool) => bool.TryParse(value, out _),
            _ when target == typeof(int) => int.TryParse(value, NumberStyles.Integer, c, out _),
            _ when target == typeof(long) => long.TryParse(value, NumberStyles.Integer, c, out _),
            _ when target == typeof(double) => double.TryParse(value, NumberStyles.Float | NumberStyles.AllowThousands, c, out _),
            _ when target == typeof(decimal) => decimal.TryParse(value, NumberStyles.Number, c, out _),
            _ when target == typeof(TimeSpan) => TimeSpan.TryParse(value, c, out _),
            _ when target == typeof(DateTimeOffset) => DateTimeOffset.TryParse(value, c, DateTimeStyles.None, out _),
            _ when target == typeof(DateTime) => DateTime.TryParse(value, c, DateTimeStyles.None, out _),
            _ when target == typeof(Uri) => Uri.TryCreate(value, UriKind.RelativeOrAbsolute, out _),
            _ when target == typeof(Guid) => Guid.TryParse(value, out _),
            _ => TryChangeType(value, target),
        };
    }

    private static bool TryChangeType(string value, Type target)
    {
        try
        {
            Convert.ChangeType(value, target, CultureInfo.InvariantCulture);
            return true;
        }
        catch (Exception ex) when (ex is FormatException or InvalidCastException or OverflowException)
        {
            return false;
        }
    }

    private static string Describe(Type t) => t switch
    {
        _ when t == typeof(int) || t == typeof(long) => "whole number",
        _ when t == typeof(double) || t == typeof(decimal) => "number",
        _ when t == typeof(bool) => "true or false",
        _ when t == typeof(TimeSpan) => "time span (hh:mm:ss)",
        _ when t.IsEnum => "value (one of " + string.Join(", ", Enum.GetNames(t)) + ")",
        _ => t.Name.ToLower(CultureInfo.InvariantCulture),
    };
}
