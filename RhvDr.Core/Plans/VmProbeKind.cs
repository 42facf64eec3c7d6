namespace RhvDr.Core.Plans;

public enum VmProbeKind
{
    /// <summary>A TCP connection to <c>host:port</c> opens.</summary>
    Tcp,

    /// <summary>An HTTP GET of the URL answers a success status.</summary>
    Http,
}
