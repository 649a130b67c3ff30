using System.Text.Json.Serialization;

namespace Switchyard.FrontDoors;

/// <summary>Source-generated JSON for the shapes the front doors render themselves (model lists, token counts).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ModelList))]
[JsonSerializable(typeof(GeminiModelList))]
[JsonSerializable(typeof(ModelListItem))]
[JsonSerializable(typeof(GeminiModelItem))]
[JsonSerializable(typeof(AnthropicTokenCount))]
internal sealed partial class FrontDoorJsonContext : JsonSerializerContext;
