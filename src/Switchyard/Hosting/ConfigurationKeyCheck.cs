using System.Collections;
using System.ComponentModel;
using System.Globalization;
using System.Reflection;

namespace Switchyard.Hosting;

/// <summary>
/// Walks a configuration section against its options type and reports every unknown key and every value
/// that cannot be converted, each by its full key, so one start lists all the mistakes in a file.
/// </summary>
internal static class ConfigurationKeyCheck
{
    public static void Check(IConfigurationSection section, Type type, List<string> errors)
    {
        foreach (var child in section.GetChildren())
        {
            var property = type.GetProperty(child.Key, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null || (!property.CanWrite && !IsCollection(property.PropertyType)))
            {
                errors.Add($"Unknown key '{child.Path}'.");
                continue;
            }

            CheckValue(child, property.PropertyType, errors);
        }
    }

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
        if (target.IsEnum)
        {
            return Enum.TryParse(target, value, ignoreCase: true, out _);
        }

        try
        {
            TypeDescriptor.GetConverter(target).ConvertFromInvariantString(value);
            return true;
        }
        catch (Exception ex) when (ex is FormatException or NotSupportedException or ArgumentException or OverflowException
            || ex.InnerException is FormatException or OverflowException)
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
