using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Switchyard.Foundation;

namespace Switchyard.Tests.Hosting;

/// <summary>
/// The start-up key check reads an options type's properties by reflection. In the native (trimmed) build a type
/// nested in a section is kept only by a <c>DynamicDependency</c> on that section's <c>Bind</c>; without it every key
/// of the nested section is reported unknown and the gateway refuses a valid configuration. Only the native build
/// shows that, so this test checks the attributes themselves.
/// </summary>
public sealed class NestedOptionsKeptTests
{
    [Fact]
    public void EveryNestedOptionsType_IsKeptByItsSectionsBind()
    {
        var sections = typeof(IGatewayOptions<>).Assembly.GetTypes()
            .Where(t => t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IGatewayOptions<>)))
            .ToList();
        Assert.NotEmpty(sections);

        var missing = new List<string>();
        foreach (var section in sections)
        {
            var bind = section.GetMethod("Bind", BindingFlags.Public | BindingFlags.Static)!;
            var kept = bind.GetCustomAttributes<DynamicDependencyAttribute>().Select(a => a.Type).ToHashSet();
            foreach (var nested in NestedTypes(section, []))
            {
                if (!kept.Contains(nested))
                {
                    missing.Add($"{section.Name}.Bind does not keep {nested.Name}");
                }
            }
        }

        Assert.Empty(missing);
    }

    [Fact]
    public void NestedTypes_FindsClassesInPropertiesAndCollections()
    {
        var found = NestedTypes(typeof(Outer), []);

        Assert.Equal([typeof(Inner), typeof(Item)], found.OrderBy(t => t.Name));
    }

    private static HashSet<Type> NestedTypes(Type type, HashSet<Type> seen)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var target = ElementType(property.PropertyType) ?? property.PropertyType;
            if (target.IsClass && target != typeof(string) && target.Assembly == type.Assembly && seen.Add(target))
            {
                NestedTypes(target, seen);
            }
        }

        return seen;
    }

    private static Type? ElementType(Type t)
    {
        if (t == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(t))
        {
            return null;
        }

        if (t.IsArray)
        {
            return t.GetElementType();
        }

        var args = t.IsGenericType ? t.GetGenericArguments() : [];
        return args.Length > 0 ? args[^1] : null;
    }

    private sealed class Outer
    {
        public string Name { get; set; } = "";
        public Inner Inner { get; set; } = new();
        public List<Item> Items { get; set; } = [];
        public Dictionary<string, int> Counts { get; set; } = [];
    }

    private sealed class Inner
    {
        public int Value { get; set; }
    }

    private sealed class Item
    {
        public string Id { get; set; } = "";
    }
}
