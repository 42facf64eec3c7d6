using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace RhvDr.Lab;

/// <summary>
/// The logger factory the lab's own listeners use: the embedding host's, minus the generic host's start-up chatter
/// ("Now listening on", "Application started"), which would only confuse an operator reading the console's log.
/// </summary>
internal sealed class ListenerLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) =>
        categoryName.StartsWith("Microsoft.Hosting.Lifetime", StringComparison.Ordinal)
            ? NullLogger.Instance
            : inner.CreateLogger(categoryName);

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    // The embedding host owns the inner factory and disposes it.
    public void Dispose()
    {
    }
}
