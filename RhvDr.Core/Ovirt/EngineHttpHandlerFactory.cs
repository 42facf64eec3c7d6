using System.Net;

namespace RhvDr.Core.Ovirt;

/// <summary>Builds the primary HTTP handler for one engine, with that engine's TLS trust.</summary>
public static class EngineHttpHandlerFactory
{
    public static SocketsHttpHandler Create(EngineTlsOptions tls)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(10),
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            UseCookies = false,
        };
        handler.SslOptions.RemoteCertificateValidationCallback = EngineCertificateValidator.Create(tls);
        return handler;
    }
}
