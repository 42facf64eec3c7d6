using Microsoft.Extensions.DependencyInjection;

namespace RhvDr.Core.Configuration;

/// <summary>How every named <see cref="HttpClient"/> of the console gets its connections.</summary>
public static class SocketsHandlerExtensions
{
    /// <summary>How long a pooled connection is reused: a name that DNS now resolves elsewhere (an engine after a failover) is followed within this.</summary>
    public static readonly TimeSpan ConnectionLifetime = TimeSpan.FromMinutes(5);

    /// <summary>
    /// One <see cref="SocketsHttpHandler"/> for the life of the host, its connections renewed every
    /// <see cref="ConnectionLifetime"/> unless <paramref name="create"/> set a lifetime of its own. The factory's own rotation
    /// (a new handler every two minutes) is off, as .NET's guidance for <see cref="SocketsHttpHandler"/> advises: it would
    /// only follow DNS, which the connection lifetime already does, and each rotation keeps a timer that holds the host's
    /// services for two minutes after the host has stopped.
    /// </summary>
    public static IHttpClientBuilder UseSocketsHandler(this IHttpClientBuilder builder, Func<IServiceProvider, SocketsHttpHandler>? create = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .ConfigurePrimaryHttpMessageHandler(services =>
            {
                var handler = create?.Invoke(services) ?? new SocketsHttpHandler();
                if (handler.PooledConnectionLifetime == Timeout.InfiniteTimeSpan)
                {
                    handler.PooledConnectionLifetime = ConnectionLifetime;
                }
                return handler;
            })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
    }
}
