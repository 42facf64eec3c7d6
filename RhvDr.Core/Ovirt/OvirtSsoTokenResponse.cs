namespace RhvDr.Core.Ovirt;

/// <summary>The SSO token endpoint's answer; errors come as <c>error</c>/<c>error_description</c> or oVirt's <c>error_code</c>/<c>error</c>.</summary>
public sealed record OvirtSsoTokenResponse
{
    public string? AccessToken { get; init; }

    public string? TokenType { get; init; }

    public string? Exp { get; init; }

    public string? Error { get; init; }

    public string? ErrorCode { get; init; }

    public string? ErrorDescription { get; init; }
}
