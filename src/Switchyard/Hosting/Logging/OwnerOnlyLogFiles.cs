using System.Text;
using Serilog.Sinks.File;
using Switchyard.Foundation;

namespace Switchyard.Hosting.Logging;

/// <summary>Makes each log file owner-only (0600) as Serilog opens it: log lines name accounts and paths.</summary>
internal sealed class OwnerOnlyLogFiles : FileLifecycleHooks
{
    public override Stream OnFileOpened(string path, Stream underlyingStream, Encoding encoding)
    {
        OwnerOnlyFiles.Restrict(path);
        return base.OnFileOpened(path, underlyingStream, encoding);
    }
}
