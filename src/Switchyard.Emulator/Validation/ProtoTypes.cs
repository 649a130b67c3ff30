namespace Switchyard.Emulator.Validation;

/// <summary>Type names Google quotes in "Invalid value at" messages.</summary>
internal static class ProtoTypes
{
    private const string Prefix = "type.googleapis.com/google.ai.generativelanguage.v1beta.";

    public const string Content = Prefix + "Content";
    public const string Part = Prefix + "Part";
    public const string Tool = Prefix + "Tool";
    public const string FunctionDeclaration = Prefix + "FunctionDeclaration";
    public const string Schema = Prefix + "Schema";
    public const string ToolConfig = Prefix + "ToolConfig";
    public const string FunctionCallingConfig = Prefix + "FunctionCallingConfig";
    public const string FunctionCallingMode = Prefix + "FunctionCallingConfig.Mode";
    public const string GenerationConfig = Prefix + "GenerationConfig";
    public const string ThinkingConfig = Prefix + "GenerationConfig.ThinkingConfig";
    public const string SafetySetting = Prefix + "SafetySetting";
    public const string GenerateContentRequest = "type.googleapis.com/google.internal.cloud.code.v1internal.GenerateContentRequest";
    public const string String = "TYPE_STRING";
}
