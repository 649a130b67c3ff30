namespace Switchyard.Foundation;

/// <summary>The data directory cannot be used: the path is a file, or it cannot be created. The message says which.</summary>
internal sealed class DataDirectoryException : IOException
{
    public DataDirectoryException(string message)
        : base(message)
    {
    }

    public DataDirectoryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
