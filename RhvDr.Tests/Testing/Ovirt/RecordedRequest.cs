namespace RhvDr.Tests.Ovirt;

/// <summary>One API request the fake engine saw, with the headers the client must send.</summary>
public sealed record RecordedRequest(string Method, string PathAndQuery, string Authorization, string Version, string Accept);
