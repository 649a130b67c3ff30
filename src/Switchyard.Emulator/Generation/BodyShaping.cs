using System.Text;
using System.Text.Json.Nodes;
using Switchyard.Emulator.CloudCode;
using Switchyard.Emulator.Faults;

namespace Switchyard.Emulator.Generation;

/// <summary>
/// The <c>body {mode, afterBytes?}</c> fault: a non-streaming generateContent reply that is empty or cut,
/// the JSON counterpart of the <c>stream</c> modes <c>empty200</c>, <c>truncate</c> and <c>disconnect</c>.
/// Modes: <c>blank</c> (200, empty body), <c>noCandidates</c> (<c>candidates: []</c>), <c>noParts</c> (a
/// candidate whose content has no parts), <c>emptyText</c> (one part with empty text), <c>truncate</c> (the
/// JSON cut after <c>afterBytes</c>, default half, with a matching Content-Length: the body ends cleanly but
/// does not parse) and <c>disconnect</c> (the full Content-Length announced, <c>afterBytes</c> sent, then the
/// connection closes). Each is a 200. A streaming call ignores this fault.
/// </summary>
internal static class BodyShaping
{
    public static readonly string[] Modes = ["blank", "noCandidates", "noParts", "emptyText", "truncate", "disconnect"];

    private const string JsonType = "application/json; charset=UTF-8";

    public static EmulatorReply Apply(JsonObject envelope, FaultAction action, IReadOnlyDictionary<string, string> headers)
    {
        var candidate = envelope["response"]?["candidates"]?[0] as JsonObject;
        switch (action.String("mode"))
        {
            case "blank":
                return new RawReply(200, JsonType, "") { Headers = headers };
            case "noCandidates":
                envelope["response"]!["candidates"] = new JsonArray();
                break;
            case "noParts":
                candidate?["content"]?.AsObject().Remove("parts");
                break;
            case "emptyText":
                if (candidate?["content"] is JsonObject content)
                {
                    content["parts"] = new JsonArray { (JsonNode)new JsonObject { ["text"] = "" } };
                }

                break;
            case "truncate":
                var text = envelope.ToJsonString();
                return new RawReply(200, JsonType, text[..Cut(action, text.Length)]) { Headers = headers };
            case "disconnect":
                var bytes = Encoding.UTF8.GetBytes(envelope.ToJsonString());
                return new CutBodyReply(bytes, Cut(action, bytes.Length)) { Headers = headers };
        }

        return new JsonReply(200, envelope) { Headers = headers };
    }

    /// <summary>Where to cut: <c>afterBytes</c>, else half; always short of the whole body.</summary>
    private static int Cut(FaultAction action, int length) =>
        Math.Clamp(action.Int("afterBytes") ?? length / 2, 0, Math.Max(0, length - 1));
}
