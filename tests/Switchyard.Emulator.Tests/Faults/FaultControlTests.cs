using System.Net;
using Switchyard.Emulator.Tests.Quota;

namespace Switchyard.Emulator.Tests.Faults;

public sealed class FaultControlTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("""{"action":{"type":"explode"}}""", "explode")]
    [InlineData("""{"action":{}}""", "'type'")]
    [InlineData("""{"match":{"label":"prod"}}""", "'action'")]
    [InlineData("""{"probability":1.5,"action":{"type":"networkReset"}}""", "probability")]
    [InlineData("""{"probability":"often","action":{"type":"networkReset"}}""", "probability")]
    [InlineData("""{"times":0,"action":{"type":"networkReset"}}""", "times")]
    [InlineData("""{"skip":-1,"action":{"type":"networkReset"}}""", "skip")]
    [InlineData("""{"match":{"colour":"red"},"action":{"type":"networkReset"}}""", "colour")]
    [InlineData("""{"match":{"model":7},"action":{"type":"networkReset"}}""", "model")]
    [InlineData("""{"when":"now","action":{"type":"networkReset"}}""", "when")]
    [InlineData("""{"action":{"type":"capacity","status":500}}""", "429 or 503")]
    [InlineData("""{"action":{"type":"http","preset":"teapot"}}""", "teapot")]
    [InlineData("""{"action":{"type":"http"}}""", "'status' or 'preset'")]
    [InlineData("""{"action":{"type":"http","status":700}}""", "status")]
    [InlineData("""{"action":{"type":"http","status":500,"headers":{"x":1}}}""", "headers")]
    [InlineData("""{"action":{"type":"badRequest","preset":"grumpy"}}""", "grumpy")]
    [InlineData("""{"action":{"type":"badRequest"}}""", "'preset' or 'message'")]
    [InlineData("""{"action":{"type":"quotaExhausted","resetIn":"soon"}}""", "resetIn")]
    [InlineData("""{"action":{"type":"quotaExhausted","resetAt":"later"}}""", "resetAt")]
    [InlineData("""{"action":{"type":"quotaExhausted","resetIn":"1h","resetAt":"2026-07-01T08:00:00Z"}}""", "not both")]
    [InlineData("""{"action":{"type":"rateLimit","retryAfter":"soon"}}""", "retryAfter")]
    [InlineData("""{"action":{"type":"errorArray","of":{"type":"networkReset"}}}""", "'of'")]
    [InlineData("""{"action":{"type":"stream"}}""", "mode")]
    [InlineData("""[]""", "at least one")]
    [InlineData("""[{"action":{"type":"networkReset"}},{"action":{"type":"nope"}}]""", "rule 1")]
    [InlineData("""42""", "rule object")]
    [InlineData("""{not json""", "Malformed JSON")]
    public async Task AddFault_Malformed_BadRequestNamingTheProblemAndNothingAdded(string body, string named)
    {
        await using var emu = await LimitsKit.StartAsync();

        using var response = await LimitsKit.ControlAsync(emu, HttpMethod.Post, "faults", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (string?)(await EmulatorFixture.ReadJsonAsync(response))["error"];
        Assert.Contains(named, error, StringComparison.Ordinal);
        Assert.Empty(await emu.Control.GetFaultsAsync(Ct));
    }
}
