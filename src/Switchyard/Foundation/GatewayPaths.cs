namespace Switchyard.Foundation;

/// <summary>The data directory and the files in it.</summary>
internal sealed record GatewayPaths(string DataDir)
{
    public string ConfigFile => Path.Combine(DataDir, DataDirectory.ConfigFileName);
}
