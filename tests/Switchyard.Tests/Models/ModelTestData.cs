using Switchyard.Models;

namespace Switchyard.Tests.Models;

internal static class ModelTestData
{
    public static ModelOptions Options(params (string From, string To)[] rules) => new()
    {
        Mappings = [.. rules.Select(r => new ModelMapping { From = r.From, To = r.To })],
    };

    public static ModelResolver Resolver(params (string From, string To)[] rules) =>
        new(new FakeOptionsMonitor<ModelOptions>(Options(rules)));
}
