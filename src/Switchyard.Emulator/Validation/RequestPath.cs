namespace Switchyard.Emulator.Validation;

/// <summary>Field paths as Google writes them in errors: snake_case names, <c>[i]</c> indices, root is empty.</summary>
internal static class RequestPath
{
    public static string Child(string path, string name)
    {
        var field = RequestJson.PathName(name);
        return path.Length == 0 ? field : path + "." + field;
    }

    public static string Index(string path, int index) => $"{path}[{index}]";
}
