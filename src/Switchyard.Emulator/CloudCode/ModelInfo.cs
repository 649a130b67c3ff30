namespace Switchyard.Emulator.CloudCode;

/// <summary>One upstream model id (spec §7).</summary>
/// <param name="Family">claude, gemini or gpt-oss.</param>
/// <param name="Bucket">Quota bucket shared by the models in it.</param>
/// <param name="Pools">Pools that serve the id.</param>
internal sealed record ModelInfo(
    string Id,
    string DisplayName,
    string Family,
    string Bucket,
    string[] Pools,
    int ContextTokens,
    int MaxOutputTokens,
    bool Thinking,
    bool Image = false,
    bool Gemini3 = false)
{
    public bool IsClaude => Family == "claude";
    public bool IsGemini => Family == "gemini";
}
