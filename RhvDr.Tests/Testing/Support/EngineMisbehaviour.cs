namespace RhvDr.Tests.Support;

/// <summary>What a <see cref="MisbehavingEngine"/> answers to API calls.</summary>
public enum EngineMisbehaviour
{
    /// <summary>200 with a login portal's HTML page.</summary>
    LoginPortal,

    /// <summary>200 with no body.</summary>
    EmptyBody,

    /// <summary>200 with JSON that stops in the middle.</summary>
    TruncatedJson,

    /// <summary>200 with the v3 API's JSON: states as objects.</summary>
    ApiV3Shape,

    /// <summary>200 with JSON whose list is under a key the API v4 does not use.</summary>
    NoCollectionKey,

    /// <summary>503 with the engine's fault body.</summary>
    ServiceUnavailable,

    /// <summary>502 with nginx's HTML page, as a proxy in front of a stopped engine answers.</summary>
    ProxyBadGateway,

    /// <summary>401 to every token.</summary>
    RefusesToken,

    /// <summary>403 with the engine's fault body.</summary>
    Forbidden,

    /// <summary>Accepts the request and never answers.</summary>
    Hang,
}
