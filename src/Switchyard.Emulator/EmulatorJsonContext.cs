using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Switchyard.Emulator.Control;
using Switchyard.Emulator.State;

namespace Switchyard.Emulator;

/// <summary>Source-generated JSON for the control API and configuration. camelCase, like Google's APIs.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EmulatorConfig))]
[JsonSerializable(typeof(AccountSeed))]
[JsonSerializable(typeof(List<AccountSeed>))]
[JsonSerializable(typeof(JournalEntry))]
[JsonSerializable(typeof(List<JournalEntry>))]
[JsonSerializable(typeof(TokenGrant))]
[JsonSerializable(typeof(ClockReading))]
[JsonSerializable(typeof(JsonNode))]
public sealed partial class EmulatorJsonContext : JsonSerializerContext;
